using System.Text.Json;
using System.Text.Json.Serialization;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Rest;

/// <summary>The application, from <c>GET /applications/@me</c> (fields this bot uses).</summary>
public sealed record DiscordApplication
{
    /// <summary>The application id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The application's name.</summary>
    public string Name { get; init; } = string.Empty;
}

/// <summary>The body of a callback with <c>?with_response=true</c>.</summary>
public sealed record InteractionCallbackResponse
{
    /// <summary>The interaction that was answered.</summary>
    public InteractionCallbackInfo? Interaction { get; init; }

    /// <summary>What the callback created.</summary>
    public InteractionCallbackResource? Resource { get; init; }
}

/// <summary>The <c>interaction</c> of a callback response.</summary>
public sealed record InteractionCallbackInfo
{
    /// <summary>The interaction id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The interaction type.</summary>
    public InteractionType Type { get; init; }

    /// <summary>The id of the response message, if one was created.</summary>
    public Snowflake? ResponseMessageId { get; init; }

    /// <summary>Whether the response is a loading (deferred) message.</summary>
    public bool? ResponseMessageLoading { get; init; }

    /// <summary>Whether the response is ephemeral.</summary>
    public bool? ResponseMessageEphemeral { get; init; }
}

/// <summary>The <c>resource</c> of a callback response.</summary>
public sealed record InteractionCallbackResource
{
    /// <summary>The callback type.</summary>
    public InteractionCallbackType Type { get; init; }

    /// <summary>The message created, if any.</summary>
    public Message? Message { get; init; }
}

/// <summary>Discord's error body.</summary>
internal sealed record DiscordErrorBody
{
    public int Code { get; init; }

    public string? Message { get; init; }

    public JsonElement? Errors { get; init; }
}

/// <summary>The body of a 429.</summary>
internal sealed record RateLimitBody
{
    public string? Message { get; init; }

    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }

    public int? Code { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(DiscordApplication))]
[JsonSerializable(typeof(InteractionCallbackResponse))]
[JsonSerializable(typeof(DiscordErrorBody))]
[JsonSerializable(typeof(RateLimitBody))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(InteractionResponse))]
[JsonSerializable(typeof(InteractionCallbackData))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommand>))]
internal sealed partial class RestJsonContext : JsonSerializerContext;
