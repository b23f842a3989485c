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
}
