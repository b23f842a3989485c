using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord;

/// <summary>Every log line of the Discord client, with stable event ids (gateway 1xxx, REST 2xxx). Never logs tokens.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connecting to the gateway at {Uri} ({Mode})")]
    private static partial void Connecting(ILogger logger, Uri uri, string mode);

    public static void Connecting(ILogger logger, Uri uri, bool resume) => Connecting(logger, uri, resume ? "resume" : "identify");

    [LoggerMessage(1001, LogLevel.Information, "Gateway READY: application {ApplicationId}, shard {ShardId}")]
    public static partial void Ready(ILogger logger, Snowflake applicationId, int shardId);

    [LoggerMessage(1002, LogLevel.Information, "Gateway session resumed at sequence {Sequence}")]
    public static partial void Resumed(ILogger logger, long? sequence);

    [LoggerMessage(1003, LogLevel.Warning, "Gateway connection closed: {CloseCode} {Description}; next: {Action}")]
    public static partial void ConnectionClosed(ILogger logger, int? closeCode, string description, CloseAction action);

    [LoggerMessage(1004, LogLevel.Critical, "{Description} (close {CloseCode}); the gateway will not reconnect")]
    public static partial void Fatal(ILogger logger, string description, int closeCode);

    [LoggerMessage(1005, LogLevel.Warning, "No heartbeat ACK within {Interval}: zombie connection, reconnecting to resume")]
    public static partial void ZombieConnection(ILogger logger, TimeSpan interval);

    [LoggerMessage(1006, LogLevel.Information, "Gateway asked to reconnect (op 7)")]
    public static partial void ReconnectRequested(ILogger logger);

    [LoggerMessage(1007, LogLevel.Warning, "Gateway session invalidated (op 9, resumable: {Resumable})")]
    public static partial void InvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(1008, LogLevel.Information, "Reconnecting in {Delay} (attempt {Attempt})")]
    public static partial void ReconnectDelay(ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(1009, LogLevel.Warning, "Gateway connection failed ({ErrorType}): {Error}")]
    public static partial void ConnectionFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(1010, LogLevel.Warning, "Heartbeat failed")]
    public static partial void HeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(1011, LogLevel.Warning, "Interaction queue full: dropped interaction {InteractionId}")]
    public static partial void InteractionDropped(ILogger logger, Snowflake interactionId);

    [LoggerMessage(1012, LogLevel.Warning, "Unreadable INTERACTION_CREATE at sequence {Sequence}: {Error}")]
    public static partial void InteractionUnreadable(ILogger logger, long? sequence, string error);

    [LoggerMessage(1013, LogLevel.Warning, "Unreadable gateway payload: {Error}")]
    public static partial void PayloadUnreadable(ILogger logger, string error);

    [LoggerMessage(1014, LogLevel.Warning, "IDENTIFY budget ({Total}) used up; waiting {ResetAfter} for the reset")]
    public static partial void IdentifyBudgetExhausted(ILogger logger, int total, TimeSpan resetAfter);

    [LoggerMessage(1015, LogLevel.Error, "Unexpected error on the gateway connection; reconnecting")]
    public static partial void ConnectionError(ILogger logger, Exception exception);

    [LoggerMessage(2000, LogLevel.Debug, "Rate limit: waiting {Delay} before {Route}")]
    public static partial void RateLimitWait(ILogger logger, string route, TimeSpan delay);

    [LoggerMessage(2001, LogLevel.Warning, "429 on {Route}: retry after {RetryAfter} (scope {Scope})")]
    public static partial void RateLimited(ILogger logger, string route, TimeSpan retryAfter, string scope);

    [LoggerMessage(2002, LogLevel.Warning, "HTTP {Status} on {Route}: retry {Attempt} in {Delay}")]
    public static partial void ServerErrorRetry(ILogger logger, string route, int status, TimeSpan delay, int attempt);

    [LoggerMessage(2003, LogLevel.Warning, "Discord API error on {Route}: HTTP {Status}, code {Code}: {Message}")]
    public static partial void ApiError(ILogger logger, string route, int status, int code, string message);
}
