using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Tuning of the themes of a store, bound from "Engine:Themes". Defaults are calibrated on the kit's theme stores and
/// a community store of the seed and 20 BBC articles (docs/quality.md, issue 10, session 6).
/// </summary>
public sealed record ThemeOptions
{
    public const string SectionName = "Engine:Themes";

    /// <summary>The calibrated values.</summary>
    public static ThemeOptions Default { get; } = new();

    /// <summary>
    /// A document whose mean similarity to the other documents of its group is below this share of the store's median
    /// (over every document in a group of two or more) does not belong to that group: it gets a theme of its own when
    /// it is a full article and there is room, else it is listed under <see cref="StoreThemeBuilder.OtherLabel"/>.
    /// 0 keeps every document in its group.
    /// </summary>
    [Range(0.0, 1.0)]
    public double OutlierFit { get; init; } = 0.65;

    /// <summary>
    /// A document set apart is a subject in its own right, with a theme of its own when there is room, if it has at
    /// least this many times the sentences of the store's median document (the community's own long article among
    /// news briefs); shorter ones are listed under <see cref="StoreThemeBuilder.OtherLabel"/>.
    /// </summary>
    [Range(0.0, 100.0)]
    public double OwnThemeLength { get; init; } = 2.0;

    /// <summary>
    /// Most themes of one document (<c>/themes source:</c>). An essay has more angles than a store has desks: the
    /// seed's ninth reader theme, "luxury and context", is its tenth cluster by share, which the store limit of 8 cut
    /// (docs/quality.md).
    /// </summary>
    [Range(1, 20)]
    public int MaxDocumentThemes { get; init; } = 10;
}

/// <summary>Checks <see cref="ThemeOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class ThemeOptionsValidator : IValidateOptions<ThemeOptions>;
