namespace DiscussionBot.Core.Documents;

/// <summary>Read side of the document store. Implementations must be safe to call concurrently.</summary>
public interface IDocumentStore
{
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken);

    /// <returns>null when no document has that id.</returns>
    Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Full-text search over quotable sentences. <paramref name="terms"/> are plain words: the store
    /// quotes them itself, so user text never reaches the FTS query syntax.
    /// </summary>
    /// <param name="documentId">Restrict to one document, or search every document when null.</param>
    Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(
        IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Full-text search over whole documents (title and text), BM25 over each document as one unit.
    /// <paramref name="terms"/> are plain words, quoted by the store; any term may match.
    /// </summary>
    Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(
        IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken);

    /// <summary>A number that changes whenever the store's content changes; lets caches know when to refresh.</summary>
    Task<long> GetRevisionAsync(CancellationToken cancellationToken);
}

/// <summary>A sentence found by full-text search; a higher <see cref="Score"/> is a better match.</summary>
public sealed record SentenceHit(long DocumentId, int SentenceOrdinal, double Score);

/// <summary>A document found by full-text search; a higher <see cref="Score"/> is a better match.</summary>
public sealed record DocumentHit(long DocumentId, double Score);
