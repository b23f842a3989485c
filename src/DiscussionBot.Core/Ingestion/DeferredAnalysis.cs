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
    /// Only their ids and fingerprints: each is loaded when its turn comes (<see cref="LoadAsync"/>), so a large
    /// backlog never sits in memory.
    /// </summary>
    public async Task<IReadOnlyList<WaitingDocument>> FindPendingAsync(CancellationToken cancellationToken)
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
        return waiting
            .Where(d => fingerprints.ContainsKey(d.SourceName))
            .Select(d => new WaitingDocument(d, fingerprints[d.SourceName]))
            .ToList();
    }

    /// <summary>A waiting document with its stored text and segmentation, ready for <see cref="CompleteAsync"/>.</summary>
    /// <returns>null when it was removed meanwhile.</returns>
    public async Task<PendingAnalysis?> LoadAsync(WaitingDocument waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        DocumentInfo info = waiting.Info;
        if (await store.GetDocumentAsync(info.Id, cancellationToken) is not { } document)
        {
            return null;
        }

        var source = new IncomingDocument(info.SourceName, info.Title, document.Text, info.ContentHash) { Owner = info.Owner };
        return new PendingAnalysis(source, new Segmentation(document.Paragraphs, document.Sentences), waiting.StoredFingerprint);
    }
}

/// <summary>A stored document found without vectors, with its fingerprint when found.</summary>
public sealed record WaitingDocument(DocumentInfo Info, string StoredFingerprint);
