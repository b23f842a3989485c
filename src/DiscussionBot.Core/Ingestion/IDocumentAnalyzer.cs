using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>Computes per-document analysis at ingestion. Batches documents so embeddings can be encoded efficiently.</summary>
public interface IDocumentAnalyzer
{
    /// <summary>Changes whenever analysis would give different results (engine or model version, mode).</summary>
    string Version { get; }

    Task<IReadOnlyList<DocumentAnalysis>> AnalyzeAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="AnalyzeAsync"/> encodes every sentence with a model (seconds for a long document);
    /// <see cref="AnalyzeWithoutVectorsAsync"/> then gives a quick analysis to store first. Decided without loading the model.
    /// </summary>
    bool EncodesSentences => false;

    /// <summary>
    /// The analysis from the words alone (salience and key phrases, no vectors): what a document is stored with while
    /// its full analysis runs in the background. Where <see cref="EncodesSentences"/> is false, the full analysis.
    /// </summary>
    Task<IReadOnlyList<DocumentAnalysis>> AnalyzeWithoutVectorsAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken) =>
        AnalyzeAsync(documents, cancellationToken);
}
