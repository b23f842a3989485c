using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Core.Documents;

/// <summary>
/// Read side of what <see cref="IDocumentAnalyzer"/> computed at ingestion and the store persisted with
/// each document. Implementations must be safe to call concurrently.
/// </summary>
public interface IAnalysisStore
{
    /// <summary>The analysis stored with the document (one salience and, if any, one vector per sentence, in ordinal order).</summary>
    /// <returns>null when no document has that id.</returns>
    Task<DocumentAnalysis?> GetDocumentAnalysisAsync(long documentId, CancellationToken cancellationToken);

    /// <summary>
    /// Every quotable sentence of every document with its stored salience and vector, ordered by
    /// document id then ordinal; streamed, so a large store is never materialised twice.
    /// </summary>
    IAsyncEnumerable<AnalyzedSentence> ReadQuotableSentencesAsync(CancellationToken cancellationToken);
}

/// <summary>A quotable sentence with what ingestion computed for it.</summary>
/// <param name="Vector">Unit-length embedding, or null when the document was analysed in lexical-only mode.</param>
public sealed record AnalyzedSentence(
    long DocumentId,
    int Ordinal,
    int ParagraphNumber,
    string Text,
    float Salience,
    float[]? Vector);
