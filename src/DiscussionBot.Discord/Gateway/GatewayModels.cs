using System.Text.Json;
using System.Text.Json.Serialization;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Gateway;

/// <summary>Gateway opcodes (API v10).</summary>
public enum GatewayOpCode
{
    /// <summary>An event (receive).</summary>
    Dispatch = 0,

    /// <summary>Heartbeat (send and receive).</summary>
    Heartbeat = 1,

    /// <summary>Start a session (send).</summary>
    Identify = 2,

    /// <summary>Resume a session (send).</summary>
    Resume = 6,

    /// <summary>Reconnect and resume (receive).</summary>
    Reconnect = 7,

    /// <summary>The session is invalid (receive); d says whether it may be resumed.</summary>
    InvalidSession = 9,

    /// <summary>First message: the heartbeat interval (receive).</summary>
    Hello = 10,

    /// <summary>Heartbeat acknowledged (receive).</summary>
    HeartbeatAck = 11,
}

/// <summary>A received gateway payload: <c>{op, d, s, t}</c>.</summary>
public sealed record GatewayPayload
{
    /// <summary>The opcode.</summary>
    [JsonPropertyName("op")]
    public GatewayOpCode Op { get; init; }

    /// <summary>The event data, left as JSON until the opcode and event name are known.</summary>
    [JsonPropertyName("d")]
    public JsonElement D { get; init; }

    /// <summary>The sequence number (dispatch only).</summary>
    [JsonPropertyName("s")]
    public long? S { get; init; }

    /// <summary>The event name (dispatch only).</summary>
    [JsonPropertyName("t")]
    public string? T { get; init; }
}

/// <summary>Heartbeat (op 1): the last sequence number, or null.</summary>
public sealed record HeartbeatCommand
{
    /// <summary>Always 1.</summary>
    [JsonPropertyName("op")]
    public int Op => (int)GatewayOpCode.Heartbeat;

    /// <summary>The last sequence number received; written even when null.</summary>
    [JsonPropertyName("d")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? D { get; init; }
}

/// <summary>IDENTIFY (op 2).</summary>
/// <param name="D">The identify data.</param>
public sealed record IdentifyCommand([property: JsonPropertyName("d")] IdentifyData D)
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("op")]
    public int Op => (int)GatewayOpCode.Identify;
}

/// <summary>The <c>d</c> of IDENTIFY.</summary>
public sealed record IdentifyData
{
    /// <summary>The bot token.</summary>
    public required string Token { get; init; }

    /// <summary>Connection properties.</summary>
    public required IdentifyProperties Properties { get; init; }

    /// <summary>Gateway intents; 0 for an interactions-only bot.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int Intents { get; init; }

    /// <summary>[shard_id, num_shards].</summary>
    public IReadOnlyList<int>? Shard { get; init; }

    /// <summary>Never shows the token.</summary>
    public override string ToString() => $"IdentifyData {{ Intents = {Intents}, Shard = [{string.Join(',', Shard ?? [])}] }}";
}

/// <summary>IDENTIFY connection properties.</summary>
/// <param name="Os">Operating system.</param>
/// <param name="Browser">Library name.</param>
/// <param name="Device">Library name.</param>
public sealed record IdentifyProperties(string Os, string Browser, string Device);

/// <summary>RESUME (op 6).</summary>
/// <param name="D">The resume data.</param>
public sealed record ResumeCommand([property: JsonPropertyName("d")] ResumeData D)
{
    /// <summary>Always 6.</summary>
    [JsonPropertyName("op")]
    public int Op => (int)GatewayOpCode.Resume;
}

/// <summary>The <c>d</c> of RESUME.</summary>
public sealed record ResumeData
{
    /// <summary>The bot token.</summary>
    public required string Token { get; init; }

    /// <summary>The session to resume.</summary>
    public required string SessionId { get; init; }

    /// <summary>The last sequence number received.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? Seq { get; init; }

    /// <summary>Never shows the token.</summary>
    public override string ToString() => $"ResumeData {{ SessionId = {SessionId}, Seq = {Seq} }}";
}

/// <summary>The <c>d</c> of HELLO.</summary>
public sealed record HelloData
{
    /// <summary>Milliseconds between heartbeats.</summary>
    public int HeartbeatInterval { get; init; }
}

/// <summary>The <c>d</c> of the READY dispatch (the fields this client uses).</summary>
public sealed record ReadyData
{
    /// <summary>The gateway version.</summary>
    public int V { get; init; }

    /// <summary>The bot user.</summary>
    public User? User { get; init; }

    /// <summary>The session id, for RESUME.</summary>
    public string SessionId { get; init; } = string.Empty;

    /// <summary>Where to reconnect when resuming.</summary>
    public string? ResumeGatewayUrl { get; init; }

    /// <summary>The shard, if sharded.</summary>
    public IReadOnlyList<int>? Shard { get; init; }

    /// <summary>The application (id and flags).</summary>
    public PartialApplication? Application { get; init; }
}

/// <summary>An application's id and flags, as in READY.</summary>
public sealed record PartialApplication
{
    /// <summary>The application id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>Application flags.</summary>
    public long? Flags { get; init; }
}

/// <summary>The response of <c>GET /gateway/bot</c>.</summary>
public sealed record GatewayBotInfo
{
    /// <summary>The gateway URL for new sessions (without query).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>Recommended shard count.</summary>
    public int Shards { get; init; }

    /// <summary>The IDENTIFY budget.</summary>
    public SessionStartLimit SessionStartLimit { get; init; } = new();
}

/// <summary>The IDENTIFY budget from <c>GET /gateway/bot</c>.</summary>
public sealed record SessionStartLimit
{
    /// <summary>Session starts allowed per window (usually 1000 per 24 h).</summary>
    public int Total { get; init; } = 1000;

    /// <summary>Session starts left in the window.</summary>
    public int Remaining { get; init; } = 1000;

    /// <summary>Milliseconds until the budget resets.</summary>
    public long ResetAfter { get; init; }

    /// <summary>IDENTIFYs allowed per 5 seconds.</summary>
    public int MaxConcurrency { get; init; } = 1;
}

/// <summary>What the host learns from READY.</summary>
/// <param name="ApplicationId">The application id (used in webhook and command routes).</param>
/// <param name="SessionId">The gateway session id.</param>
/// <param name="User">The bot user, if sent.</param>
public sealed record GatewayReadyInfo(Snowflake ApplicationId, string SessionId, User? User);

/// <summary>Source-generated JSON for gateway payloads (snake_case).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GatewayPayload))]
[JsonSerializable(typeof(HeartbeatCommand))]
[JsonSerializable(typeof(IdentifyCommand))]
[JsonSerializable(typeof(ResumeCommand))]
[JsonSerializable(typeof(HelloData))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GatewayBotInfo))]
[JsonSerializable(typeof(Interaction))]
[JsonSerializable(typeof(bool))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
