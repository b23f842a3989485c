using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Weights of passage and document ranking in <see cref="QuoteEngine"/>, bound from "Engine:Quotes". The defaults
/// are the values tuned on the evaluation sets (docs/quality.md); operators have no reason to change them, the
/// evaluation tool builds its own instance per run to try others.
/// </summary>
public sealed record QuoteRankingOptions
{
    public const string SectionName = "Engine:Quotes";

    /// <summary>The tuned values.</summary>
    public static QuoteRankingOptions Default { get; } = new();

    /// <summary>Weight of the BM25 ranking in the passage fusion (tuned on SciFact dev).</summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; init; } = 1.0;

    /// <summary>Weight of the embedding ranking in the passage fusion (tuned on SciFact dev).</summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; init; } = 1.0;

    /// <summary>Share of the best other matching passage of the same document added to a passage's score.</summary>
    [Range(0.0, 100.0)]
    public double DocumentContextWeight { get; init; } = 0.3;

    /// <summary>
    /// Weight of the passage's whole-document BM25 (scaled by the query's best document) added to its score.
    /// SciFact dev quote nDCG@10, embedding mode: 0 → 0.522, 0.5 → 0.551, 1 → 0.577, 2 → 0.588, 3 → 0.592;
    /// 1 is kept so the passage's own match still outweighs its document's.
    /// </summary>
    [Range(0.0, 100.0)]
    public double DocumentPriorWeight { get; init; } = 1.0;

    /// <summary>How many of a document's best BM25 sentences count toward it in document ranking.</summary>
    [Range(1, 1000)]
    public int LexicalDepth { get; init; } = 5;

    /// <summary>How fast those sentences fade: the i-th counts 1 / i^decay.</summary>
    [Range(0.0, 10.0)]
    public double LexicalDecay { get; init; } = 2.0;

    /// <summary>Weight of the best-sentence similarity ranking in document rank fusion.</summary>
    [Range(0.0, 100.0)]
    public double DocumentDenseWeight { get; init; } = 3.0;

    /// <summary>Share of a document's second-best sentence similarity added to its best.</summary>
    [Range(0.0, 10.0)]
    public double DenseSecondWeight { get; init; } = 0.3;

    /// <summary>
    /// In embedding mode, documents are ranked by best-sentence similarity (+ <see cref="DenseSecondWeight"/> × second)
    /// plus this share of whole-document BM25 scaled by the query's best; 0 falls back to rank fusion.
    /// SciFact dev nDCG@10: 0.2 → 0.729, 0.3 → 0.745, 0.4 → 0.748, 0.5 → 0.737, 0.7 → 0.735.
    /// </summary>
    [Range(0.0, 10.0)]
    public double ScoreFusionWeight { get; init; } = 0.4;

    /// <summary>Weight of the whole-document BM25 ranking in document rank fusion.</summary>
    [Range(0.0, 100.0)]
    public double DocumentLexicalWeight { get; init; } = 1.0;

    /// <summary>
    /// Weight of the best-sentences BM25 ranking in document rank fusion; 0 since whole-document BM25 exists
    /// (it was 1 before: SciFact dev 0.651 lexical / 0.7085 embedding, now 0.702 / 0.719).
    /// </summary>
    [Range(0.0, 100.0)]
    public double DocumentSentenceLexicalWeight { get; init; }

    /// <summary>Weight of the document-centroid ranking in document rank fusion.</summary>
    [Range(0.0, 100.0)]
    public double CentroidWeight { get; init; }

    /// <summary>
    /// Share of sentences above which a query word is too common to send to full-text search (when rarer words
    /// remain): it adds little to BM25 but makes the search scan long posting lists.
    /// </summary>
    [Range(0.0, 1.0)]
    public double CommonTermShare { get; init; } = 0.02;
}

/// <summary>Checks <see cref="QuoteRankingOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class QuoteRankingOptionsValidator : IValidateOptions<QuoteRankingOptions>;
