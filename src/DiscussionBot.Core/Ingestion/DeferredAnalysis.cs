using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// The second half of an addition whose full analysis was deferred (<see cref="IngestionService.AddForGuildAsync"/>):
/// computes the analysis with sentence vectors and swaps it in, unless the document changed meanwhile. Also finds the
/// documents still waiting after a restart (a crash, or a stop before the queue emptied), by their missing vectors.
/// </summary>
public sealed class DeferredAnalysis(
    IngestionService ingestion,
    IDocumentAnalyzer analyzer,
    IDocumentWriter writer,
    IDocumentStore store)
{
    /// <summary>Computes the document's full analysis (slow: the sentence encoder runs here) and stores it.</summary>
    /// <returns>
    /// True when stored; false when the document was removed or replaced meanwhile, or when the analysis has no
    /// vectors after all (the model could not load), which would change nothing.
    /// </returns>
    public async Task<bool> CompleteAsync(PendingAnalysis pending, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pending);
        IReadOnlyList<DocumentAnalysis> analyses = await analyzer.AnalyzeAsync([(pending.Source, pending.Segmentation)], cancellationToken);
        DocumentAnalysis analysis = analyses[0];
        if (analysis.SentenceVectors is null)
        {
            return false;
        }

        var replacement = new AnalysisReplacement(pending.Source.SourceName, pending.StoredFingerprint, analysis, ingestion.Fingerprint(pending.Source));
        return await writer.ReplaceAnalysisAsync(replacement, cancellationToken);
    }

    /// <summary>
    /// The stored documents without vectors, when the analyzer would give them some: documents whose background
    /// analysis did not finish, and documents analysed in lexical mode before the engine was switched to embeddings.
    /// </summary>
    public async Task<IReadOnlyList<PendingAnalysis>> FindPendingAsync(CancellationToken cancellationToken)
    {
        if (!analyzer.EncodesSentences)
        {
            return [];
        }

        var waiting = (await store.ListDocumentsAsync(cancellationToken)).Where(d => !d.HasVectors && d.SentenceCount > 0).OrderBy(d => d.Id).ToList();
        if (waiting.Count == 0)
        {
            return [];
        }

        var fingerprints = (await writer.ListStoredSourcesAsync(cancellationToken)).ToDictionary(s => s.Key, s => s.Fingerprint, StringComparer.Ordinal);
        var pending = new List<PendingAnalysis>(waiting.Count);
        foreach (DocumentInfo info in waiting)
        {
            if (await store.GetDocumentAsync(info.Id, cancellationToken) is not { } document ||
                !fingerprints.TryGetValue(info.SourceName, out string? fingerprint))
            {
                continue; // removed since the list was read
            }

            var source = new IncomingDocument(info.SourceName, info.Title, document.Text, info.ContentHash) { Owner = info.Owner };
            pending.Add(new PendingAnalysis(source, new Segmentation(document.Paragraphs, document.Sentences), fingerprint));
        }

        return pending;
    }
}
