using System.Threading.Channels;
using DiscussionBot.Discord.Gateway;

namespace DiscussionBot.Live;

/// <summary>Where interactions come from: the gateway's queue, or the HTTP endpoint's. Both are bounded.</summary>
public interface IInteractionSource
{
    ChannelReader<ReceivedInteraction> Interactions { get; }
}

/// <summary>Interactions received over the gateway WebSocket.</summary>
public sealed class GatewayInteractionSource(GatewayClient gateway) : IInteractionSource
{
    public ChannelReader<ReceivedInteraction> Interactions => gateway.Interactions;
}
