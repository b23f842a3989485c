using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Answers;

/// <param name="Query">The member's words, already capped in length.</param>
/// <param name="DocumentId">Search one document, or all when null.</param>
/// <param name="Count">How many passages are wanted at most.</param>
public sealed record QuoteRequest(string Query, long? DocumentId, int Count);

/// <summary>A verbatim passage that answers a query; a higher score is a better match.</summary>
public sealed record QuoteMatch(CitedSentence Sentence, double Score);

/// <summary>What the engine concluded about a query.</summary>
public enum QuoteVerdict
{
    /// <summary>The first passage very likely answers the query.</summary>
    Answered,

    /// <summary>Passages come close to the query, but none is likely to answer it directly.</summary>
    ClosestOnly,

    /// <summary>Nothing in the sources is near the query.</summary>
    NotInSources,

    /// <summary>The query is written in a language the sources are not written in.</summary>
    OtherLanguage,
}

/// <summary>The passages found, and whether they answer the query.</summary>
/// <param name="Matches">Best first; empty unless the verdict is <see cref="QuoteVerdict.Answered"/> or <see cref="QuoteVerdict.ClosestOnly"/>.</param>
/// <param name="Verdict">Decided from the engine's confidence in its first passage.</param>
public sealed record QuoteResult(string Query, IReadOnlyList<QuoteMatch> Matches, QuoteVerdict Verdict)
{
    /// <summary>Passages are an answer when there are any, otherwise "not in the sources".</summary>
    public QuoteResult(string query, IReadOnlyList<QuoteMatch> matches)
        : this(query, matches, matches.Count > 0 ? QuoteVerdict.Answered : QuoteVerdict.NotInSources)
    {
    }

    /// <summary>True when passages are shown (an answer, or the closest passages).</summary>
    public bool IsCovered => Matches.Count > 0;

    /// <summary>The engine's confidence that the first passage answers the query (its calibrated score, higher is surer).</summary>
    public double Confidence { get; init; }
}

public interface IQuoteEngine
{
    /// <summary>Passages from the documents visible in <paramref name="scope"/> only.</summary>
    /// <exception cref="DocumentNotFoundException">The requested document is not in the store, or not in the scope.</exception>
    Task<QuoteResult> FindQuotesAsync(QuoteRequest request, DocumentScope scope, CancellationToken cancellationToken);

    /// <summary>Passages from the operator's documents only (tools and tests; every command passes its scope).</summary>
    Task<QuoteResult> FindQuotesAsync(QuoteRequest request, CancellationToken cancellationToken) =>
        FindQuotesAsync(request, DocumentScope.OperatorOnly, cancellationToken);
}
