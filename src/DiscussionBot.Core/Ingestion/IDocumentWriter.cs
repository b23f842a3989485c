namespace DiscussionBot.Core.Ingestion;

/// <summary>Write side of the document store.</summary>
public interface IDocumentWriter
{
    /// <summary>The ingestion fingerprint of every stored document, keyed by source name.</summary>
    Task<IReadOnlyDictionary<string, string>> GetFingerprintsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds new documents and replaces changed ones in one transaction: either every document
    /// is written or, on any failure, the store is left exactly as it was.
    /// </summary>
    Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        CancellationToken cancellationToken);
}
