using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Gateway;

/// <summary>An interaction as the gateway handed it over.</summary>
/// <param name="Interaction">The interaction.</param>
/// <param name="ReceivedTimestamp">
/// When it arrived, as a <see cref="TimeProvider.GetTimestamp"/> value of the gateway's clock: deadlines (deferral,
/// Discord's 3-second window) count from here, so time spent queued is never forgotten.
/// </param>
public sealed record ReceivedInteraction(Interaction Interaction, long ReceivedTimestamp);
