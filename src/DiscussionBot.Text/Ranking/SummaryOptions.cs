using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Ranking;

/// <summary>
/// Tuning of extractive sentence choice, bound from "Engine:Summaries". Defaults are tuned on BBC dev
/// (docs/quality.md); the evaluation tool builds its own instance per run to try others.
/// </summary>
public sealed record SummaryOptions
{
    public const string SectionName = "Engine:Summaries";

    /// <summary>The tuned values.</summary>
    public static SummaryOptions Default { get; } = new();

    /// <summary>Cosine similarity of two sentence vectors below which they count as saying different things.</summary>
    [Range(0.0, 0.99)]
    public double RedundancyFloor { get; init; } = 0.7;

    /// <summary>
    /// A document's lead is kept in its summary when its salience is at least this share of the best sentence's
    /// (the lead then carries the main fact); above 1 the lead competes like any other sentence. 0.8 keeps BBC dev
    /// R-1 above 60 (0.7 costs 0.6 points there: docs/quality.md).
    /// </summary>
    [Range(0.0, 2.0)]
    public double LeadShare { get; init; } = 0.8;

    /// <summary>
    /// A lead that restates the headline (half of its content words, two at least, and no fewer than any later
    /// sentence) is kept when its salience is at least this share of the best sentence's; above 1 the headline is not
    /// used. Such a lead carries the news even when it shares few words with the rest of the text. It costs BBC dev
    /// about 0.85 ROUGE-1 when the articles keep their title lines, whose references favour long central sentences
    /// (docs/quality.md, session 5).
    /// </summary>
    [Range(0.0, 2.0)]
    public double HeadlineLeadShare { get; init; } = 0.4;

    /// <summary>
    /// A chosen sentence that opens with a pronoun or demonstrative ("It…", "He…", "This…", "But he…") and does not
    /// follow the sentence it points back to is shown after that sentence, and after the one before it when that one
    /// points back too: at most this many sentences, else it is left as it is. A reader then knows whom "he" means.
    /// They are shown in addition to the summary's length (K = 3: 3.11 sentences per CNN summary, 3.17 per BBC one).
    /// 0 shows none. Measured in docs/quality.md (session 8).
    /// </summary>
    [Range(0, 5)]
    public int ReferentSentences { get; init; } = 2;

    /// <summary>
    /// A summary sentence that opens with a connective ("However, …", "But…", "Meanwhile…") and does not follow the
    /// sentence it points back to is quoted from the word after the connective (a verbatim span, marked "…"), so it
    /// does not contrast with nothing. Costs BBC dev 0.05 ROUGE-1 (60.08 to 60.03: its references keep the connective),
    /// where replacing such sentences costs 0.4 (docs/quality.md, session 7).
    /// </summary>
    public bool TrimConnectives { get; init; } = true;

    /// <summary>Most documents a long summary of the whole store draws on, one main point each (medium: two thirds, short: a third).</summary>
    [Range(1, 50)]
    public int StoreDocuments { get; init; } = 12;
}

/// <summary>Checks <see cref="SummaryOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class SummaryOptionsValidator : IValidateOptions<SummaryOptions>;
