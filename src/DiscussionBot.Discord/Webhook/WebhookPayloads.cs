using System.Text.Json;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Webhook;

/// <summary>The wire JSON of the HTTP interactions endpoint, so the app never handles Discord's JSON itself.</summary>
public static class WebhookPayloads
{
    /// <summary>The response to a PING (type 1), which Discord sends when the endpoint URL is saved and now and then.</summary>
    public static InteractionResponse Pong { get; } = new(InteractionCallbackType.Pong);

    /// <summary>Reads an interaction from a POST body; null when the body is not an interaction.</summary>
    public static Interaction? ReadInteraction(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The response body for an inline interaction response.</summary>
    public static byte[] Write(InteractionResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse);
}
