using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>Command pipeline settings, bound from the <c>Commands</c> configuration section.</summary>
public sealed class CommandOptions
{
    public const string SectionName = "Commands";

    /// <summary>Commands (and button clicks) one member may run in a burst before the cooldown applies.</summary>
    [Range(1, 1000)]
    public int CooldownBurst { get; set; } = 5;

    /// <summary>Seconds for one more command to become available to a member after a burst.</summary>
    [Range(0.1, 3600)]
    public double CooldownSecondsPerCommand { get; set; } = 3;
}

[OptionsValidator]
public sealed partial class CommandOptionsValidator : IValidateOptions<CommandOptions>;
