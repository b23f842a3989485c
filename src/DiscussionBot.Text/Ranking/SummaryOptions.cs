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

    /// <summary>Most documents a long summary of the whole store draws on, one main point each (medium: two thirds, short: a third).</summary>
    [Range(1, 50)]
    public int StoreDocuments { get; init; } = 12;
}

/// <summary>Checks <see cref="SummaryOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class SummaryOptionsValidator : IValidateOptions<SummaryOptions>;
