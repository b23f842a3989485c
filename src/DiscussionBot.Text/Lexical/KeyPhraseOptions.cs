using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Lexical;

/// <summary>
/// Weights of statistical key-phrase scoring, bound from "Engine:KeyPhrases". Defaults are tuned on the keyphrase
/// dev sets (docs/quality.md); the evaluation tool builds its own instance per run to try others.
/// </summary>
public sealed record KeyPhraseOptions
{
    public const string SectionName = "Engine:KeyPhrases";

    /// <summary>The tuned values.</summary>
    public static KeyPhraseOptions Default { get; } = new();

    /// <summary>Weight of a phrase's own frequency beside its words' rank.</summary>
    [Range(0.0, 100.0)]
    public double FrequencyWeight { get; init; } = 2.0;

    /// <summary>Multiplier for one-word phrases.</summary>
    [Range(0.0, 10.0)]
    public double SingleWordFactor { get; init; } = 0.6;
}

/// <summary>Checks <see cref="KeyPhraseOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class KeyPhraseOptionsValidator : IValidateOptions<KeyPhraseOptions>;
