using System.Text.Json;
using System.Threading.Channels;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord.Gateway;

/// <summary>What a dispatch meant for the connection.</summary>
internal enum DispatchOutcome
{
    Other,
    Ready,
    Resumed,
}

/// <summary>
/// Handles op 0 events: session bookkeeping for READY/RESUMED, interactions into the channel stamped with their receipt
/// time (Discord's 3-second window runs from here, not from when the host gets to them). Never waits on the host.
/// </summary>
internal sealed class GatewayDispatcher(GatewaySession session, ChannelWriter<ReceivedInteraction> interactions, TimeProvider time, ILogger logger)
{
    public event Action<GatewayReadyInfo>? Ready;

    public DispatchOutcome Handle(GatewayPayload payload)
    {
        switch (payload.T)
        {
            case "READY":
                ReadyData? ready = payload.D.Deserialize(GatewayJsonContext.Default.ReadyData);
                if (ready is null)
                {
                    return DispatchOutcome.Other;
                }

                Uri? resumeUrl = Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out Uri? u) ? u : null;
                session.Start(ready.SessionId, resumeUrl, ready.Application?.Id);
                var info = new GatewayReadyInfo(ready.Application?.Id ?? default, ready.SessionId, ready.User);
                Log.Ready(logger, info.ApplicationId, ready.Shard?.FirstOrDefault() ?? 0);
                Ready?.Invoke(info);
                return DispatchOutcome.Ready;

            case "RESUMED":
                Log.Resumed(logger, session.LastSequence);
                return DispatchOutcome.Resumed;

            case "INTERACTION_CREATE":
                Interaction? interaction = null;
                try
                {
                    interaction = payload.D.Deserialize(GatewayJsonContext.Default.Interaction);
                }
                catch (JsonException ex)
                {
                    Log.InteractionUnreadable(logger, payload.S, ex.Message);
                }

                if (interaction is not null && !interactions.TryWrite(new ReceivedInteraction(interaction, time.GetTimestamp())))
                {
                    Log.InteractionDropped(logger, interaction.Id);
                }

                return DispatchOutcome.Other;

            default:
                return DispatchOutcome.Other;
        }
    }
}
