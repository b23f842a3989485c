using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Answers;

public enum SummaryLength
{
    Short,
    Medium,
    Long,
}

/// <param name="DocumentId">One document, or the whole store when null.</param>
public sealed record SummaryRequest(long? DocumentId, SummaryLength Length);

/// <summary>An extractive summary: verbatim sentences in source order, each cited.</summary>
/// <param name="ScopeTitle">The document's title, or a name for the whole store.</param>
/// <param name="DocumentCount">How many documents the summary draws on.</param>
public sealed record Summary(
    long? DocumentId,
    string ScopeTitle,
    SummaryLength Length,
    IReadOnlyList<CitedSentence> Sentences,
    int DocumentCount)
{
    /// <summary>For a summary of the whole store: how many documents the store holds.</summary>
    public int StoreDocumentCount { get; init; }

    /// <summary>For a summary of the whole store: titles of the documents it does not draw on.</summary>
    public IReadOnlyList<string> LeftOut { get; init; } = [];
}

public interface ISummaryEngine
{
    /// <summary>A summary of one document or of every document visible in <paramref name="scope"/>.</summary>
    /// <exception cref="DocumentNotFoundException">The requested document is not in the store, or not in the scope.</exception>
    Task<Summary> SummarizeAsync(SummaryRequest request, DocumentScope scope, CancellationToken cancellationToken);

    /// <summary>A summary over the operator's documents only (tools and tests; every command passes its scope).</summary>
    Task<Summary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken) =>
        SummarizeAsync(request, DocumentScope.OperatorOnly, cancellationToken);
}
