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
    /// <exception cref="DocumentNotFoundException">The requested document is not in the store.</exception>
    Task<Summary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken);
}
