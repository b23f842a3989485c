using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Webhook;

namespace DiscussionBot.Discord.Gateway;

/// <summary>An interaction as the gateway (or the HTTP endpoint) handed it over.</summary>
/// <param name="Interaction">The interaction.</param>
/// <param name="ReceivedTimestamp">
/// When it arrived, as a <see cref="TimeProvider.GetTimestamp"/> value of the gateway's clock: deadlines (deferral,
/// Discord's 3-second window) count from here, so time spent queued is never forgotten.
/// </param>
/// <param name="Inline">
/// For an interaction POSTed to the HTTP endpoint, where its first response goes (the POST's response body);
/// null for the gateway, whose interactions are answered through the callback endpoint.
/// </param>
public sealed record ReceivedInteraction(Interaction Interaction, long ReceivedTimestamp, InlineResponse? Inline = null);
