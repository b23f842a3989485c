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

    /// <summary>
    /// Weight of the passage's BM25 z-score (standard deviations above the scope's mean) in the first stage.
    /// Weights below were tuned on SQuAD dev with the default model (docs/quality.md, "Answers"); in session 4 a
    /// coordinate search over the re-ranker's features on SQuAD dev (5-fold cross-validated P@1 0.783 against 0.771)
    /// lowered this one (was 0.13), ParagraphCoverageWeight (1) and DocumentContextWeight (0.3), raised
    /// CoverageWeight (5 → 7.5) and added <see cref="LengthWeight"/>; SciFact quotes (not used to choose) rose too.
    /// </summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; init; } = 0.05;

    /// <summary>Weight of the passage's cosine z-score in the first stage (embedding mode).</summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; init; } = 0.87;

    /// <summary>How many first-stage candidates are re-ranked with the finer features below.</summary>
    [Range(1, 100)]
    public int RerankDepth { get; init; } = 100;

    /// <summary>Weight of the share of the query's word weight (IDF) the passage holds.</summary>
    [Range(0.0, 100.0)]
    public double CoverageWeight { get; init; } = 7.5;

    /// <summary>
    /// Bonus of a passage holding what the question asks for (a number for "how many", a date for "when"...).
    /// SQuAD dev P@1 is flat from 0.5 to 3 (0.767-0.771); 2.5 lets "how many troops were sent" prefer the sentence
    /// with "15,000 troops" over ones that merely repeat "troops" and "sent".
    /// </summary>
    [Range(0.0, 100.0)]
    public double AnswerTypeWeight { get; init; } = 2.5;

    /// <summary>
    /// Weight of the log of the passage's word count: a longer sentence more often holds the answer itself, a short
    /// one is more often a fragment that only repeats the question's words.
    /// </summary>
    [Range(0.0, 100.0)]
    public double LengthWeight { get; init; } = 0.5;

    /// <summary>
    /// A passage's word coverage counts in full only when its cosine stands at least this many standard deviations
    /// above the scope's mean; below, in proportion, and not at all at or below the mean (embedding mode; 0 turns this
    /// off). Session 6: on a store of the seed and 20 BBC articles "expensive jewelry" was answered by the only
    /// sentence holding "expensive" (about game engines, cosine 0.06); SQuAD dev P@1 unchanged, MRR@10 +0.0002,
    /// Acc@1 unchanged at 1 (at 2: one uncovered question answered), SciFact quotes unchanged.
    /// </summary>
    [Range(0.0, 100.0)]
    public double CoverageDenseGate { get; init; } = 1.0;

    /// <summary>
    /// The document prior counts in full for a document with at least this many candidate sentences holding a query
    /// word, and in proportion below (a document none of whose candidates holds one keeps it: its words lie outside
    /// the candidates, where they are not counted; taking its prior away cost lexical SciFact quotes 0.012): one sentence holding
    /// one query word does not make a document about the query, yet its prior lifted every other sentence of it
    /// ("expensive jewelry": twelve sentences of the one article writing "expensive" ranked above the seed's Cartier
    /// bracelets). Session 6, with the two rules beside it: SQuAD dev unchanged, SciFact quotes 0.6090 → 0.6096.
    /// Embedding mode only: without a query vector the prior stands, as no passage closer in meaning can take the
    /// place (applied in lexical mode too it cost lexical SciFact quotes 0.5369 → 0.5246 nDCG@10).
    /// </summary>
    [Range(1, 100)]
    public int DocumentPriorSentences { get; init; } = 2;

    /// <summary>
    /// Extra weight of the passage's cosine z-score, times the share of the query's word weight no quotable sentence
    /// holds: the words the sources never write can only be matched in meaning ("jewelry" by "Cartier bracelets").
    /// Session 6: 0.5 leaves SQuAD dev P@1 unchanged (0.75: −0.0012, 1: −0.0024).
    /// </summary>
    [Range(0.0, 100.0)]
    public double AbsentWordDenseWeight { get; init; } = 0.5;

    /// <summary>Weight of the query's cosine to the passage's whole paragraph (its mean vector).</summary>
    [Range(0.0, 100.0)]
    public double ParagraphDenseWeight { get; init; } = 6.0;

    /// <summary>Weight of the share of the query's word weight the passage's whole paragraph holds.</summary>
    [Range(0.0, 100.0)]
    public double ParagraphCoverageWeight { get; init; } = 0.5;

    /// <summary>
    /// Passages after the first are shown only while their score is at least this share of the first's (scores
    /// count from the scope's average sentence), so weak passages after a strong one are not shown beside it.
    /// SQuAD dev MRR@10 of what is shown: no cut 0.842, 0.6 → 0.841, 0.7 → 0.840, 0.8 → 0.835 (3.8 passages shown
    /// on average of 10 asked at 0.8, 6.4 at 0.7).
    /// </summary>
    [Range(0.0, 1.0)]
    public double ShownScoreRatio { get; init; } = 0.7;

    /// <summary>
    /// Abstention with all-MiniLM-L6-v2 vectors, calibrated on SQuAD dev: the answer threshold maximises Acc@1 with
    /// the answer-type weight (0.8135; 0.798 before); the closest band starts where at least a tenth of the dev
    /// questions' first passages are right (below 0.60: 0-4 %, and over nine in ten of those questions are about
    /// articles the store lacks); a first passage standing 3.5 standard deviations above the scope's mean cosine
    /// is shown as closest too (read on a store of the seed and 20 BBC articles: "crying" and the wailing crowd).
    /// A query naming something the store never writes is "not in the sources" unless the first passage's cosine
    /// reaches 0.5 (session 5: SQuAD dev Acc@1 unchanged, 990 of 1,217 right at 0.5, 988 at 0.6, 980 at any cosine;
    /// on a store of the seed and 20 BBC articles "what did Putin say" and "weather in Pyongyang" were passages at
    /// cosine 0.36 / 0.34 shown as closest).
    /// </summary>
    [ValidateObjectMembers]
    public AbstentionCalibration MiniLm { get; init; } = new()
    {
        CoverageWeight = 0.65, AnswerTypeWeight = 0.05, AnswerThreshold = 0.745, ClosestThreshold = 0.60, ClosestDenseZ = 3.5,
        AbsentNameCosine = 0.5, ClosestCosineWithoutWords = 0.26, ClosestCosineWithoutWordsSeveral = 0.33,
    };

    /// <summary>Abstention with snowflake-arctic-embed-xs vectors (calibrated on SQuAD dev).</summary>
    [ValidateObjectMembers]
    public AbstentionCalibration ArcticXs { get; init; } = new() { CoverageWeight = 0.15, AnswerThreshold = 0.713, ClosestThreshold = 0.60 };

    /// <summary>
    /// Abstention without vectors (lexical mode): the confidence is the share of the query's word weight. The answer
    /// threshold is SQuAD dev's best (answer_eval.py --sweep: Acc@1 0.719 with session 4's weights, 0.714 at the
    /// earlier 0.45); the closest band starts where at least a tenth of the dev questions' first passages are right
    /// (0.25-0.30: 10 %; below 0.25: 0-2 %, 94 % of them about articles the store lacks).
    /// </summary>
    [ValidateObjectMembers]
    public AbstentionCalibration Lexical { get; init; } = new() { AnswerThreshold = 0.48, ClosestThreshold = 0.25 };

    /// <summary>
    /// Weight of the passage's whole-document BM25 (scaled by the query's best document) added to its score.
    /// With the paragraph and document-context weights it carries the abstract-level evidence SciFact's claims need;
    /// chosen jointly on SQuAD dev and SciFact dev (docs/quality.md, "Answers").
    /// </summary>
    [Range(0.0, 100.0)]
    public double DocumentPriorWeight { get; init; } = 3.0;

    /// <summary>
    /// Weight of the best other candidate from the passage's document (its first-stage score): evidence spread over
    /// an abstract's sentences lifts each of them.
    /// </summary>
    [Range(0.0, 100.0)]
    public double DocumentContextWeight { get; init; } = 0.15;

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

/// <summary>
/// When the first passage counts as an answer. The confidence is the passage's raw cosine to the query plus
/// <see cref="CoverageWeight"/> × the share of the query's word weight it holds; cosines differ by model, so each
/// model has its own calibration.
/// </summary>
public sealed record AbstentionCalibration
{
    [Range(0.0, 10.0)]
    public double CoverageWeight { get; init; }

    /// <summary>
    /// Weight of the first passage's answer-type match (1: holds what the question asks for beside its words, 0.5:
    /// elsewhere; 0 for questions without a type) in the confidence: "how many troops were sent" answered by a
    /// sentence with "15,000 troops" is surer than the cosine and word share alone say.
    /// </summary>
    [Range(0.0, 10.0)]
    public double AnswerTypeWeight { get; init; }

    /// <summary>
    /// The closest passages are also shown (labelled as not answering directly) when the first stands this many
    /// standard deviations above the scope's mean cosine, though it shares no word with the query ("crying" and a
    /// sentence about a wailing crowd). 0 turns this off.
    /// </summary>
    [Range(0.0, 100.0)]
    public double ClosestDenseZ { get; init; }

    /// <summary>
    /// When the query holds a name no sentence of the sources holds ("Putin" in "what did Putin say"), the answer is
    /// "not in the sources" unless the first passage's cosine to the query reaches this. 0 turns this off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double AbsentNameCosine { get; init; }

    /// <summary>
    /// When the sources never write one of the query's words, none of which may be a name, and the first passage holds
    /// none of the query's words (it was found in meaning alone), the closest passages are shown (labelled as not
    /// answering directly) once the first's cosine to a one-word query reaches this (to a longer query,
    /// <see cref="ClosestCosineWithoutWordsSeveral"/>). A raw cosine means the same in a store of any size, where
    /// <see cref="ClosestDenseZ"/> needs many sentences: on the seed alone (34 sentences, one topic) the grief and
    /// wailing-crowd sentences stand only ~2 standard deviations above the mean for "crying" (cosine 0.26-0.30) and
    /// "people crying" (0.44). Read on thirty single words against the seed alone (session 6): words of grief and feeling
    /// reach 0.25-0.47, unrelated words ("banana", "guitar", "ocean", "weather") 0.09-0.24. SQuAD dev cannot move
    /// (closest and "not in the sources" both abstain there). 0 turns both off.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ClosestCosineWithoutWords { get; init; }

    /// <summary>
    /// <see cref="ClosestCosineWithoutWords"/> for a query of two words or more: an unrelated sentence shares more by
    /// chance with a longer query. Read on forty queries of two to five words against the seed alone (session 7); where
    /// the first passage held none of the query's words, the eight about the seed's subject in other words ("people
    /// crying", "tears of the mourners", "designer handbags", "sending young men to die") reached 0.37-0.45 and the
    /// seventeen unrelated ones ("what did trump say about tariffs", "the price of oil", "train strike") 0.04-0.28.
    /// </summary>
    [Range(0.0, 1.0)]
    public double ClosestCosineWithoutWordsSeveral { get; init; }

    /// <summary>Least confidence for the first passage to be presented as the answer.</summary>
    [Range(-1000.0, 1000.0)]
    public double AnswerThreshold { get; init; }

    /// <summary>Least confidence for the closest passages to be shown, labelled as not answering directly.</summary>
    [Range(-1000.0, 1000.0)]
    public double ClosestThreshold { get; init; }

}

/// <summary>Checks <see cref="QuoteRankingOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class QuoteRankingOptionsValidator : IValidateOptions<QuoteRankingOptions>;
