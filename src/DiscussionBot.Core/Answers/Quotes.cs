namespace DiscussionBot.Core.Answers;

/// <param name="Query">The member's words, already capped in length.</param>
/// <param name="DocumentId">Search one document, or all when null.</param>
/// <param name="Count">How many passages are wanted at most.</param>
public sealed record QuoteRequest(string Query, long? DocumentId, int Count);

/// <summary>A verbatim passage that answers a query; a higher score is a better match.</summary>
public sealed record QuoteMatch(CitedSentence Sentence, double Score);

/// <summary>The passages found. No matches means the sources do not cover the query.</summary>
public sealed record QuoteResult(string Query, IReadOnlyList<QuoteMatch> Matches)
{
    public bool IsCovered => Matches.Count > 0;
}

public interface IQuoteEngine
{
    /// <exception cref="DocumentNotFoundException">The requested document is not in the store.</exception>
    Task<QuoteResult> FindQuotesAsync(QuoteRequest request, CancellationToken cancellationToken);
}
