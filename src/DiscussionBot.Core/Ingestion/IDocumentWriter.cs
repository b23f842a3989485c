namespace DiscussionBot.Core.Ingestion;

/// <summary>Write side of the document store.</summary>
public interface IDocumentWriter
{
    /// <summary>Every stored document's key, content hash and ingestion fingerprint.</summary>
    Task<IReadOnlyList<StoredSource>> ListStoredSourcesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds new documents and replaces changed ones in one transaction: either every document
    /// is written or, on any failure, the store is left exactly as it was. A document whose text another
    /// stored document already has is not written; the report lists it as a duplicate.
    /// </summary>
    Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        CancellationToken cancellationToken) =>
        WriteAsync(documents, unchanged, limits: null, cancellationToken);

    /// <summary>
    /// As <see cref="WriteAsync(IReadOnlyList{PreparedDocument}, IReadOnlyList{string}, CancellationToken)"/>, by the
    /// rules of <see cref="DocumentWritePlan"/>; with <paramref name="limits"/>, every owning server's usage is read and
    /// checked inside the write's transaction, so concurrent writers (other replicas too) cannot together exceed them.
    /// </summary>
    /// <exception cref="SourceLimitException">A server would exceed a limit; nothing was written.</exception>
    Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        GuildSourceLimits? limits,
        CancellationToken cancellationToken);

    /// <summary>How many documents a server has added, and their characters, for its limits.</summary>
    Task<GuildUsage> GetGuildUsageAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>Removes the documents with these keys in one transaction.</summary>
    /// <exception cref="UnknownSourceException">A key names no document; nothing was removed.</exception>
    Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a stored document's analysis (salience, vectors, key phrases) and its fingerprint in one transaction,
    /// and changes the store's revision so answer snapshots reload. Its text and segmentation stay as they are.
    /// </summary>
    /// <returns>
    /// False, with nothing written, when the document was removed or replaced since the analysis was computed (its
    /// fingerprint is no longer <see cref="AnalysisReplacement.ExpectedFingerprint"/>), or when the analysis does
    /// not have one entry per stored sentence.
    /// </returns>
    Task<bool> ReplaceAnalysisAsync(AnalysisReplacement replacement, CancellationToken cancellationToken);
}

/// <summary>A new analysis for one stored document (see <see cref="IDocumentWriter.ReplaceAnalysisAsync"/>).</summary>
/// <param name="Key">The document's key.</param>
/// <param name="ExpectedFingerprint">The fingerprint the document had when the analysis was computed from it.</param>
/// <param name="Fingerprint">The fingerprint stored with the new analysis (the analyzer's version may differ).</param>
public sealed record AnalysisReplacement(string Key, string ExpectedFingerprint, DocumentAnalysis Analysis, string Fingerprint);

/// <summary>What the writer knows about a stored document, to decide what a new run must do.</summary>
/// <param name="Fingerprint">See <see cref="IngestionService.Fingerprint"/>.</param>
public sealed record StoredSource(string Key, string ContentHash, string Fingerprint)
{
    /// <summary>The server that owns it, or null for the operator's documents.</summary>
    public ulong? GuildId { get; init; }
}

/// <summary>What one server has stored: counted against its limits.</summary>
public sealed record GuildUsage(int Documents, long Characters);
