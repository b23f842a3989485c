using Microsoft.Extensions.Logging;

namespace DiscussionBot.Http;

/// <summary>Log messages of the web endpoint, with stable event ids (4xxx). Never log a body: it holds the interaction token.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Listening for {What} on {Addresses}")]
    public static partial void Listening(ILogger logger, string what, string addresses);

    // Debug, not Warning: Discord sends bad signatures on purpose to check that they are refused.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Refused an interaction POST: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "The interaction queue is full ({Capacity}); answering 503")]
    public static partial void QueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "No first response for interaction {InteractionId} in time; answering 503")]
    public static partial void NoResponse(ILogger logger, Discord.Models.Snowflake interactionId);
}
