using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.TestKit.Storage;

/// <summary>
/// A deterministic stand-in for the text engine's analyzer: earlier sentences are more salient, and
/// each sentence gets a small vector derived from its ordinal. Can be told to fail, to test crash safety.
/// </summary>
public sealed class PositionAnalyzer : IDocumentAnalyzer
{
    public string Version { get; set; } = "position-1";

    public bool WithVectors { get; set; } = true;

    /// <summary>Hands the vectors out as <see cref="CopyingVectorRows"/> (a long document's compact rows); the lists made are kept.</summary>
    public bool CompactVectors { get; set; }

    public List<CopyingVectorRows> CompactLists { get; } = [];

    public Exception? FailWith { get; set; }

    /// <summary>When set, only that call (1-based) throws <see cref="FailWith"/>: a crash in the middle of a batched run.</summary>
    public int? FailOnCall { get; set; }

    public int Calls { get; private set; }

    /// <summary>Says the full analysis encodes sentences, so a server's addition is stored words-only first and queued.</summary>
    public bool EncodesSentences { get; set; }

    public int WordsOnlyCalls { get; private set; }

    public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeWithoutVectorsAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken)
    {
        WordsOnlyCalls++;
        IReadOnlyList<DocumentAnalysis> analyses = documents
            .Select(d => new DocumentAnalysis(new float[d.Segmentation.Sentences.Count], null, [new KeyPhrase("word phrase", 1f)]))
            .ToList();
        return Task.FromResult(analyses);
    }

    public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken)
    {
        Calls++;
        if (FailWith is not null && (FailOnCall is null || FailOnCall == Calls))
        {
            throw FailWith;
        }

        IReadOnlyList<DocumentAnalysis> analyses = documents.Select(d =>
        {
            int count = d.Segmentation.Sentences.Count;
            float[] salience = Enumerable.Range(0, count).Select(i => 1f / (i + 1)).ToArray();
            IReadOnlyList<float[]>? vectors = WithVectors
                ? Enumerable.Range(0, count).Select(i => new[] { 1f, i, -i }).ToList()
                : null;
            if (vectors is not null && CompactVectors)
            {
                var compact = new CopyingVectorRows(vectors);
                CompactLists.Add(compact);
                vectors = compact;
            }

            return new DocumentAnalysis(salience, vectors, [new KeyPhrase("first phrase", 2f), new KeyPhrase("second phrase", 1f)]);
        }).ToList();
        return Task.FromResult(analyses);
    }
}
