using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Live;

/// <summary>Log messages of live mode, with stable event ids. Never pass an interaction token or the bot token here.</summary>
internal static partial class LiveLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Commands unchanged ({Count}); registration skipped")]
    public static partial void CommandsUnchanged(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Registered {Count} commands {Scope} by bulk overwrite")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Command registration failed; commands registered earlier stay in place")]
    public static partial void CommandRegistrationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Critical, Message = "{Reason}. Stopping; fix the configuration and start again")]
    public static partial void Fatal(ILogger logger, string reason);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Connected to Discord as application {ApplicationId}")]
    public static partial void Ready(ILogger logger, Snowflake applicationId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Answered {Kind} in {ElapsedMs} ms ({Mode})")]
    public static partial void Answered(ILogger logger, string kind, long elapsedMs, string mode);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Discord no longer knows the interaction (10062: it expired or was answered elsewhere); dropping it")]
    public static partial void InteractionExpired(ILogger logger);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "The interaction was already acknowledged (40060); dropping the duplicate answer")]
    public static partial void AlreadyAcknowledged(ILogger logger);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Warning, Message = "{Kind} waited {QueuedMs} ms in the queue, past Discord's window; dropping it unanswered")]
    public static partial void TooLateToAnswer(ILogger logger, string kind, long queuedMs);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "Removing the summary posted for a refused pin failed in channel {ChannelId} (Discord error {Code}); it stays in the channel")]
    public static partial void PinCleanupFailed(ILogger logger, Snowflake channelId, int code, Exception exception);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error, Message = "Sending the answer to Discord failed")]
    public static partial void AnswerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "Pinned message {MessageId} in channel {ChannelId} for moderator {ModeratorId}")]
    public static partial void Pinned(ILogger logger, Snowflake messageId, Snowflake channelId, Snowflake moderatorId);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Pinning in channel {ChannelId} failed with Discord error {Code}")]
    public static partial void PinFailed(ILogger logger, Snowflake channelId, int code);
}
