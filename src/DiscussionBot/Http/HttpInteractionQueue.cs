using System.Threading.Channels;
using DiscussionBot.Discord;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Live;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Http;

/// <summary>
/// Interactions POSTed to <c>/interactions</c>, waiting for a slot of the same dispatcher the gateway feeds
/// (bounded by <see cref="DiscordClientOptions.InteractionQueueCapacity"/>: when full, the request gets 503 at once).
/// </summary>
public sealed class HttpInteractionQueue(IOptions<DiscordClientOptions> options) : IInteractionSource
{
    private readonly Channel<ReceivedInteraction> _queue = Channel.CreateBounded<ReceivedInteraction>(
        new BoundedChannelOptions(options.Value.InteractionQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

    public ChannelReader<ReceivedInteraction> Interactions => _queue.Reader;

    public bool TryEnqueue(ReceivedInteraction interaction) => _queue.Writer.TryWrite(interaction);
}
