using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>How live mode answers interactions, bound from the <c>Live</c> configuration section.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// If an answer is not ready this long after the interaction arrived, acknowledge it (type 5 or 6) and edit
    /// the answer in later. Measured from receipt on our monotonic clock, never from Discord's timestamps,
    /// because clock skew makes those unreliable; well inside Discord's 3 s.
    /// </summary>
    [Range(100, 2500)]
    public int DeferAfterMilliseconds { get; set; } = 1500;

    /// <summary>Interactions handled at once; more wait in the gateway's bounded queue.</summary>
    [Range(1, 64)]
    public int MaxConcurrentInteractions { get; set; } = 8;

    /// <summary>
    /// Answers that were deferred (slow ones) and still compute, beyond <see cref="MaxConcurrentInteractions"/>: a deferred
    /// answer hands its slot back while it finishes on a thread of its own, so slow commands cannot take every slot
    /// and leave fast ones waiting in the queue. 0 keeps deferred answers in their slots.
    /// </summary>
    [Range(0, 64)]
    public int MaxDeferredInteractions { get; set; } = 8;

    /// <summary>
    /// Register the commands at start (only when they changed). Unset: yes in Gateway mode, no in Http mode, where
    /// replicas start and stop freely and registration is one explicit step (the <c>register</c> verb), or the job of
    /// the one instance configured with true.
    /// </summary>
    public bool? RegisterCommandsAtStart { get; set; }
}

[OptionsValidator]
public sealed partial class LiveOptionsValidator : IValidateOptions<LiveOptions>;
