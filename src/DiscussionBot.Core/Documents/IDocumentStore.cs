namespace DiscussionBot.Core.Documents;

/// <summary>Read side of the document store. Implementations must be safe to call concurrently.</summary>
public interface IDocumentStore
{
    Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken);

    /// <summary>The documents visible in <paramref name="scope"/>: the operator's, plus the scope's server's own.</summary>
    async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(DocumentScope scope, CancellationToken cancellationToken) =>
        (await ListDocumentsAsync(cancellationToken)).Where(scope.Includes).ToList();

    /// <summary>
    /// <see cref="SearchSentencesAsync(IReadOnlyList{string}, long?, int, CancellationToken)"/> over the documents
    /// visible in <paramref name="scope"/> only. This default filters a full search; stores should do better.
    /// </summary>
    async Task<IReadOnlyList<SentenceHit>> SearchSentencesInScopeAsync(
        IReadOnlyList<string> terms, DocumentScope scope, int limit, CancellationToken cancellationToken)
    {
        var visible = (await ListDocumentsAsync(scope, cancellationToken)).Select(d => d.Id).ToHashSet();
        return (await SearchSentencesAsync(terms, null, int.MaxValue, cancellationToken))
            .Where(hit => visible.Contains(hit.DocumentId))
            .Take(limit)
            .ToList();
    }

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
