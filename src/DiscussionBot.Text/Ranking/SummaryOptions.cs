using System.ComponentModel.DataAnnotations;
using DiscussionBot.Text.Lexical;
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
    /// Salience kept by a sentence that opens by pointing back ("It", "This", "He"…), so it is chosen only when clearly
    /// central. 1 (off) by default: 0.8 reads better but costs about half a point of ROUGE-1 on BBC and CNN dev, below
    /// their bars (docs/quality.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double DanglingWeight { get; init; } = 1.0;

    /// <summary>
    /// A chosen sentence that opens by pointing back ("It", "This", "He"…) gives way to the best sentence that stands
    /// alone when that one scores within this much of it (salience as a share of the best sentence's, weighted as in
    /// maximal marginal relevance); 0 never swaps. 0.02 removes a sixth of such openers from BBC dev summaries at no
    /// ROUGE cost there and 0.09 ROUGE-1 on CNN; 0.05 costs CNN its bar (docs/quality.md, session 5).
    /// </summary>
    [Range(0.0, 1.0)]
    public double DanglingTolerance { get; init; } = 0.02;

    /// <summary>
    /// Sentences opening with these ways of pointing back ("However…", "This…", "It…") are never shown without the
    /// sentence they point back to just before them: such a pick either brings its predecessors along (at most
    /// <see cref="AnchorSentences"/>, within the summary's length) or gives way to the best sentence that may be shown
    /// alone. Source text is never edited. <see cref="PointingBack.None"/> keeps only the <see cref="DanglingTolerance"/> swap.
    /// </summary>
    public PointingBack StandAlone { get; init; } = PointingBack.None;

    /// <summary>
    /// A summary never opens with a sentence that points back ("It…", "This…", "He…"): the first sentence shown has
    /// nothing before it to point to. Such a pick brings its predecessors along or gives way, as for <see cref="StandAlone"/>.
    /// Off by default: it costs BBC dev 0.1-0.2 ROUGE-1, below its bar of 60 (docs/quality.md, session 7).
    /// </summary>
    public bool StandAloneOpening { get; init; }

    /// <summary>
    /// Most preceding sentences taken to let a sentence that points back follow what it points back to (0: such a
    /// sentence is always replaced). Applies to the openers of <see cref="StandAlone"/> and <see cref="StandAloneOpening"/>.
    /// </summary>
    [Range(0, 5)]
    public int AnchorSentences { get; init; } = 1;

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
