using System.Net;
using System.Text;

namespace DiscussionBot.Discord.Rest;

/// <summary>One field error from Discord's <c>errors</c> object.</summary>
/// <param name="Path">The JSON path of the field, e.g. <c>embeds.0.title</c>; empty for request-level errors.</param>
/// <param name="Code">The error code, e.g. <c>BASE_TYPE_REQUIRED</c>.</param>
/// <param name="Message">The explanation.</param>
public sealed record DiscordFieldError(string Path, string Code, string Message);

/// <summary>Discord answered with an error (<c>{code, message, errors}</c>). The message never holds a token.</summary>
public sealed class DiscordApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DiscordApiException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public DiscordApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception from a response.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="code">Discord's JSON error code (0 when absent).</param>
    /// <param name="discordMessage">Discord's message.</param>
    /// <param name="fieldErrors">Flattened field errors.</param>
    /// <param name="route">The route template (tokens replaced by placeholders).</param>
    public DiscordApiException(HttpStatusCode statusCode, int code, string discordMessage, IReadOnlyList<DiscordFieldError> fieldErrors, string route)
        : base(Format(statusCode, code, discordMessage, fieldErrors, route))
    {
        StatusCode = statusCode;
        Code = code;
        DiscordMessage = discordMessage;
        FieldErrors = fieldErrors;
        Route = route;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Discord's JSON error code, see <see cref="DiscordErrorCodes"/>.</summary>
    public int Code { get; }

    /// <summary>Discord's message.</summary>
    public string DiscordMessage { get; } = string.Empty;

    /// <summary>Field errors, flattened.</summary>
    public IReadOnlyList<DiscordFieldError> FieldErrors { get; } = [];

    /// <summary>The route template, e.g. <c>PUT /channels/{channel.id}/messages/pins/{message.id}</c>.</summary>
    public string Route { get; } = string.Empty;

    private static string Format(HttpStatusCode status, int code, string message, IReadOnlyList<DiscordFieldError> errors, string route)
    {
        var text = new StringBuilder();
        text.Append("Discord API error ").Append(code).Append(" (HTTP ").Append((int)status).Append(") on ").Append(route)
            .Append(": ").Append(message);
        foreach (DiscordFieldError error in errors)
        {
            text.Append("; ").Append(error.Path.Length == 0 ? "(request)" : error.Path).Append(": ")
                .Append(error.Code).Append(' ').Append(error.Message);
        }

        return text.ToString();
    }
}

/// <summary>JSON error codes this bot handles.</summary>
public static class DiscordErrorCodes
{
    /// <summary>Unknown channel.</summary>
    public const int UnknownChannel = 10003;

    /// <summary>Unknown message.</summary>
    public const int UnknownMessage = 10008;

    /// <summary>Unknown webhook.</summary>
    public const int UnknownWebhook = 10015;

    /// <summary>Unknown interaction: the token expired or is invalid. Never retried.</summary>
    public const int UnknownInteraction = 10062;

    /// <summary>Pin limit (250) reached.</summary>
    public const int MaximumPinsReached = 30003;

    /// <summary>The interaction was already acknowledged.</summary>
    public const int InteractionAlreadyAcknowledged = 40060;

    /// <summary>Missing access.</summary>
    public const int MissingAccess = 50001;

    /// <summary>Missing permissions.</summary>
    public const int MissingPermissions = 50013;

    /// <summary>Invalid form body.</summary>
    public const int InvalidFormBody = 50035;
}
