using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Rest;

/// <summary>
/// Discord REST API v10 over one <see cref="HttpClient"/>: bot auth, User-Agent, JSON bodies, rate limits
/// (waits before exhausted buckets, answers 429 with <c>retry_after</c>), bounded retries of 5xx for requests that are safe
/// to repeat (never a message post, never past an interaction's window), and errors as
/// <see cref="DiscordApiException"/>. Tokens never appear in logs or exception messages.
/// </summary>
public sealed class DiscordRestClient : IGatewayBotProvider
{
    /// <summary>Maximum retries after a 429.</summary>
    public const int MaxRateLimitRetries = 3;

    /// <summary>Maximum retries after a 5xx.</summary>
    public const int MaxServerErrorRetries = 3;

    /// <summary>Longest audit-log reason, URL-encoded.</summary>
    public const int MaxAuditLogReasonLength = 512;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");
    private readonly HttpClient _http;
    private readonly RestRateLimiter _limiter;
    private readonly DiscordClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiscordMetrics? _metrics;
    private readonly Uri _baseUri;

    /// <summary>Creates the client.</summary>
    /// <param name="http">An HttpClient from IHttpClientFactory (its BaseAddress, if set, wins over the options).</param>
    /// <param name="limiter">The shared rate-limit state (a singleton).</param>
    /// <param name="options">Token, base URL and User-Agent parts.</param>
    /// <param name="time">The clock for waits.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where rate limits and reconnects are counted; none in tests that do not look.</param>
    public DiscordRestClient(HttpClient http, RestRateLimiter limiter, IOptions<DiscordClientOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger, DiscordMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _limiter = limiter;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        string baseUrl = http.BaseAddress?.ToString() ?? _options.ApiBaseUrl;
        _baseUri = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
    }

    /// <summary><c>GET /gateway/bot</c>: the gateway URL and the IDENTIFY budget.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/gateway/bot", "gateway/bot", null), null, RestJsonContext.Default.GatewayBotInfo, cancellationToken);

    /// <summary><c>GET /applications/@me</c>: the application (its id is needed before the gateway is up).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<DiscordApplication> GetCurrentApplicationAsync(CancellationToken cancellationToken) =>
        SendAsync(new RestRoute(HttpMethod.Get, "/applications/@me", "applications/@me", null), null, RestJsonContext.Default.DiscordApplication, cancellationToken);

    /// <summary><c>POST /interactions/{id}/{token}/callback</c>: the first response (within 3 s).</summary>
    /// <param name="interaction">The interaction being answered.</param>
    /// <param name="response">Callback type and data.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task CreateInteractionResponseAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken) =>
        CreateInteractionResponseAsync(interaction, response, _time.GetTimestamp() + ToTicks(DiscordLimits.InitialResponseDeadline), cancellationToken);

    /// <summary>
    /// <c>POST /interactions/{id}/{token}/callback</c> for an interaction received earlier: a 5xx is retried only while
    /// <paramref name="respondByTimestamp"/> (the end of Discord's window, on this client's <see cref="TimeProvider"/>) allows.
    /// </summary>
    /// <param name="interaction">The interaction being answered.</param>
    /// <param name="response">Callback type and data.</param>
    /// <param name="respondByTimestamp">When Discord's window closes, as a <see cref="TimeProvider.GetTimestamp"/> value.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task CreateInteractionResponseAsync(Interaction interaction, InteractionResponse response, long respondByTimestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        RestRoute route = CallbackRoute(interaction, withResponse: false) with { RetryDeadline = respondByTimestamp };
        return SendAsync<object>(route, Serialize(response, RestJsonContext.Default.InteractionResponse), null, cancellationToken);
    }

    /// <summary><c>POST .../callback?with_response=true</c>: the first response, returning what it created.</summary>
    /// <param name="interaction">The interaction being answered.</param>
    /// <param name="response">Callback type and data.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<InteractionCallbackResponse> CreateInteractionResponseWithResultAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        RestRoute route = CallbackRoute(interaction, withResponse: true) with
        {
            RetryDeadline = _time.GetTimestamp() + ToTicks(DiscordLimits.InitialResponseDeadline),
        };
        return SendAsync(route, Serialize(response, RestJsonContext.Default.InteractionResponse), RestJsonContext.Default.InteractionCallbackResponse, cancellationToken);
    }

    /// <summary><c>GET /webhooks/{application.id}/{token}/messages/@original</c>.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Message> GetOriginalResponseAsync(Interaction interaction, CancellationToken cancellationToken) =>
        SendAsync(WebhookRoute(HttpMethod.Get, interaction, "/messages/@original"), null, RestJsonContext.Default.Message, cancellationToken);

    /// <summary><c>PATCH /webhooks/{application.id}/{token}/messages/@original</c>: edit the first response (e.g. after a defer).</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="data">The new message fields.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Message> EditOriginalResponseAsync(Interaction interaction, InteractionCallbackData data, CancellationToken cancellationToken) =>
        SendAsync(
            // Setting the same fields twice leaves the message as setting them once.
            WebhookRoute(HttpMethod.Patch, interaction, "/messages/@original") with { SafeToRepeat = true }, Serialize(data, RestJsonContext.Default.InteractionCallbackData), RestJsonContext.Default.Message, cancellationToken);

    /// <summary><c>DELETE /webhooks/{application.id}/{token}/messages/@original</c>: remove the first response.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task DeleteOriginalResponseAsync(Interaction interaction, CancellationToken cancellationToken) =>
        SendAsync<object>(WebhookRoute(HttpMethod.Delete, interaction, "/messages/@original"), null, null, cancellationToken);

    /// <summary><c>POST /webhooks/{application.id}/{token}</c>: a follow-up message.</summary>
    /// <param name="interaction">The interaction.</param>
    /// <param name="data">The message.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Message> CreateFollowupMessageAsync(Interaction interaction, InteractionCallbackData data, CancellationToken cancellationToken) =>
        SendAsync(WebhookRoute(HttpMethod.Post, interaction, string.Empty), Serialize(data, RestJsonContext.Default.InteractionCallbackData), RestJsonContext.Default.Message, cancellationToken);

    /// <summary><c>PUT /applications/{application.id}/commands</c>: replace all global commands.</summary>
    /// <param name="applicationId">The application id.</param>
    /// <param name="commands">The complete command list.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(Snowflake applicationId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRoute(HttpMethod.Put, "/applications/{application.id}/commands", $"applications/{applicationId}/commands", null),
            Serialize(commands, RestJsonContext.Default.IReadOnlyListApplicationCommand),
            RestJsonContext.Default.IReadOnlyListApplicationCommand,
            cancellationToken);

    /// <summary><c>PUT /applications/{application.id}/guilds/{guild.id}/commands</c>: replace all of a guild's commands.</summary>
    /// <param name="applicationId">The application id.</param>
    /// <param name="guildId">The guild.</param>
    /// <param name="commands">The complete command list.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRoute(HttpMethod.Put, "/applications/{application.id}/guilds/{guild.id}/commands", $"applications/{applicationId}/guilds/{guildId}/commands", guildId.ToString()),
            Serialize(commands, RestJsonContext.Default.IReadOnlyListApplicationCommand),
            RestJsonContext.Default.IReadOnlyListApplicationCommand,
            cancellationToken);

    /// <summary><c>GET /applications/{application.id}/commands</c>.</summary>
    /// <param name="applicationId">The application id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IReadOnlyList<ApplicationCommand>> GetGlobalCommandsAsync(Snowflake applicationId, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRoute(HttpMethod.Get, "/applications/{application.id}/commands", $"applications/{applicationId}/commands", null),
            null,
            RestJsonContext.Default.IReadOnlyListApplicationCommand,
            cancellationToken);

    /// <summary><c>GET /applications/{application.id}/guilds/{guild.id}/commands</c>.</summary>
    /// <param name="applicationId">The application id.</param>
    /// <param name="guildId">The guild.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IReadOnlyList<ApplicationCommand>> GetGuildCommandsAsync(Snowflake applicationId, Snowflake guildId, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRoute(HttpMethod.Get, "/applications/{application.id}/guilds/{guild.id}/commands", $"applications/{applicationId}/guilds/{guildId}/commands", guildId.ToString()),
            null,
            RestJsonContext.Default.IReadOnlyListApplicationCommand,
            cancellationToken);

    /// <summary><c>POST /channels/{channel.id}/messages</c>.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="message">Content, embeds, components, allowed mentions.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<Message> CreateMessageAsync(Snowflake channelId, InteractionCallbackData message, CancellationToken cancellationToken) =>
        SendAsync(
            new RestRoute(HttpMethod.Post, "/channels/{channel.id}/messages", $"channels/{channelId}/messages", channelId.ToString()),
            Serialize(message, RestJsonContext.Default.InteractionCallbackData),
            RestJsonContext.Default.Message,
            cancellationToken);

    /// <summary><c>DELETE /channels/{channel.id}/messages/{message.id}</c>: remove a message the bot posted.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="auditLogReason">Shown in the audit log; URL-encoded and cut to 512 characters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task DeleteMessageAsync(Snowflake channelId, Snowflake messageId, string? auditLogReason, CancellationToken cancellationToken) =>
        SendAsync<object>(
            new RestRoute(HttpMethod.Delete, "/channels/{channel.id}/messages/{message.id}", $"channels/{channelId}/messages/{messageId}", channelId.ToString()),
            null,
            null,
            cancellationToken,
            auditLogReason);

    /// <summary><c>PUT /channels/{channel.id}/messages/pins/{message.id}</c> (needs PIN_MESSAGES; error 30003 at 250 pins).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="auditLogReason">Shown in the audit log; URL-encoded and cut to 512 characters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task PinMessageAsync(Snowflake channelId, Snowflake messageId, string? auditLogReason, CancellationToken cancellationToken) =>
        SendAsync<object>(PinRoute(HttpMethod.Put, channelId, messageId), null, null, cancellationToken, auditLogReason);

    /// <summary><c>DELETE /channels/{channel.id}/messages/pins/{message.id}</c>.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="messageId">The message.</param>
    /// <param name="auditLogReason">Shown in the audit log; URL-encoded and cut to 512 characters.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task UnpinMessageAsync(Snowflake channelId, Snowflake messageId, string? auditLogReason, CancellationToken cancellationToken) =>
        SendAsync<object>(PinRoute(HttpMethod.Delete, channelId, messageId), null, null, cancellationToken, auditLogReason);

    /// <summary>URL-encodes an audit-log reason and keeps it within 512 encoded characters.</summary>
    /// <param name="reason">The plain reason.</param>
    public static string EncodeAuditLogReason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        string text = reason.Length > MaxAuditLogReasonLength ? reason[..MaxAuditLogReasonLength] : reason;
        string encoded = Uri.EscapeDataString(text);
        while (encoded.Length > MaxAuditLogReasonLength && text.Length > 0)
        {
            int cut = text.Length - 1;
            if (cut > 0 && char.IsLowSurrogate(text[cut]))
            {
                cut--;
            }

            text = text[..cut];
            encoded = Uri.EscapeDataString(text);
        }

        return encoded;
    }

    /// <summary>
    /// Discord takes one initial response per interaction and refuses a second with 40060, so repeating a callback whose
    /// first attempt took effect shows nothing twice: it may be retried, but only within the response window.
    /// </summary>
    private static RestRoute CallbackRoute(Interaction interaction, bool withResponse) => new(
        HttpMethod.Post,
        "/interactions/{interaction.id}/{interaction.token}/callback",
        $"interactions/{interaction.Id}/{Uri.EscapeDataString(interaction.Token)}/callback" + (withResponse ? "?with_response=true" : string.Empty),
        interaction.Id.ToString(),
        InteractionRoute: true)
    {
        SafeToRepeat = true,
    };

    private static RestRoute WebhookRoute(HttpMethod method, Interaction interaction, string suffix)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return new RestRoute(
            method,
            "/webhooks/{application.id}/{interaction.token}" + suffix,
            $"webhooks/{interaction.ApplicationId}/{Uri.EscapeDataString(interaction.Token)}{suffix}",
            interaction.Id.ToString(),
            InteractionRoute: true);
    }

    private static RestRoute PinRoute(HttpMethod method, Snowflake channelId, Snowflake messageId) => new(
        method,
        "/channels/{channel.id}/messages/pins/{message.id}",
        $"channels/{channelId}/messages/pins/{messageId}",
        channelId.ToString());

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    private async Task<T> SendAsync<T>(RestRoute route, byte[]? body, JsonTypeInfo<T>? responseType, CancellationToken cancellationToken, string? auditLogReason = null)
    {
        string? token = route.InteractionRoute ? null : _options.RequireToken();
        int rateLimitRetries = 0;
        int serverErrorRetries = 0;
        while (true)
        {
            RestRateLimiter.Lease lease = await _limiter.AcquireAsync(route, cancellationToken).ConfigureAwait(false);
            HttpResponseMessage? response = null;
            try
            {
                using HttpRequestMessage request = BuildRequest(route, body, token, auditLogReason);
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    // The message may hold the URL, and interaction URLs hold a token: rethrow with the template only.
                    throw new HttpRequestException($"Request {route.Display} failed: {ex.HttpRequestError}", null, ex.StatusCode);
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    RateLimitBody? limit = await ReadRateLimitAsync(response, cancellationToken).ConfigureAwait(false);
                    TimeSpan retryAfter = RetryAfter(response, limit);
                    bool global = limit?.Global == true || HeaderEquals(response, "X-RateLimit-Global", "true");
                    string scope = Header(response, "X-RateLimit-Scope") ?? (global ? "global" : "user");
                    Log.RateLimited(_logger, route.Display, retryAfter, scope);
                    _metrics?.RateLimited(scope);
                    lease.Complete(response, retryAfter, global);
                    // A 429 was not processed, so repeating is always safe, but not past the route's deadline.
                    if (rateLimitRetries++ >= MaxRateLimitRetries || EndsPastDeadline(route, retryAfter + RestRateLimiter.ResetSafetyMargin))
                    {
                        throw new DiscordApiException(response.StatusCode, limit?.Code ?? 0, limit?.Message ?? "You are being rate limited.", [], route.Display);
                    }

                    continue;
                }

                lease.Complete(response);
                if (IsTransient(response.StatusCode) && MayRetryServerError(route, serverErrorRetries, out TimeSpan backoff))
                {
                    serverErrorRetries++;
                    Log.ServerErrorRetry(_logger, route.Display, (int)response.StatusCode, backoff, serverErrorRetries);
                    await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw await ReadErrorAsync(route, response, cancellationToken).ConfigureAwait(false);
                }

                if (responseType is null || response.StatusCode == HttpStatusCode.NoContent)
                {
                    return default!;
                }

                Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    return await JsonSerializer.DeserializeAsync(stream, responseType, cancellationToken).ConfigureAwait(false)
                        ?? throw new DiscordApiException(response.StatusCode, 0, "Empty response body", [], route.Display);
                }
            }
            finally
            {
                lease.Complete(null);
                response?.Dispose();
            }
        }
    }

    private HttpRequestMessage BuildRequest(RestRoute route, byte[]? body, string? token, string? auditLogReason)
    {
        var request = new HttpRequestMessage(route.Method, new Uri(_baseUri, route.Path));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bot " + token);
        }

        if (!string.IsNullOrEmpty(auditLogReason))
        {
            request.Headers.TryAddWithoutValidation("X-Audit-Log-Reason", EncodeAuditLogReason(auditLogReason));
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        return request;
    }

    /// <summary>
    /// The 5xx retry rule: only requests that are safe to repeat, at most <see cref="MaxServerErrorRetries"/> times with
    /// 1, 2, 4 s back-off, and never when the back-off would end past the route's deadline.
    /// </summary>
    private bool MayRetryServerError(RestRoute route, int retriesSoFar, out TimeSpan backoff)
    {
        backoff = TimeSpan.FromSeconds(Math.Pow(2, retriesSoFar));
        if (!route.SafeToRepeat || retriesSoFar >= MaxServerErrorRetries)
        {
            return false;
        }

        return !EndsPastDeadline(route, backoff);
    }

    private bool EndsPastDeadline(RestRoute route, TimeSpan wait) =>
        route.RetryDeadline is { } deadline && _time.GetTimestamp() + ToTicks(wait) >= deadline;

    private long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static TimeSpan RetryAfter(HttpResponseMessage response, RateLimitBody? body)
    {
        if (body?.RetryAfter is { } seconds && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (double.TryParse(Header(response, "Retry-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out double header) && header >= 0)
        {
            return TimeSpan.FromSeconds(header);
        }

        return TimeSpan.FromSeconds(1);
    }

    private static async Task<RateLimitBody?> ReadRateLimitAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length == 0 ? null : JsonSerializer.Deserialize(text, RestJsonContext.Default.RateLimitBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<DiscordApiException> ReadErrorAsync(RestRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        DiscordErrorBody? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonSerializer.Deserialize(text, RestJsonContext.Default.DiscordErrorBody);
        }
        catch (JsonException)
        {
            // Not Discord's JSON (e.g. a proxy page): report the status only.
        }

        var errors = new List<DiscordFieldError>();
        if (body?.Errors is { ValueKind: JsonValueKind.Object } root)
        {
            Flatten(root, string.Empty, errors);
        }

        string message = body?.Message ?? response.ReasonPhrase ?? "Request failed";
        Log.ApiError(_logger, route.Display, (int)response.StatusCode, body?.Code ?? 0, message);
        return new DiscordApiException(response.StatusCode, body?.Code ?? 0, message, errors, route.Display);
    }

    private static void Flatten(JsonElement element, string path, List<DiscordFieldError> errors)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.NameEquals("_errors") && property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement error in property.Value.EnumerateArray())
                {
                    string code = error.TryGetProperty("code", out JsonElement c) ? c.ToString() : string.Empty;
                    string text = error.TryGetProperty("message", out JsonElement m) ? m.ToString() : string.Empty;
                    errors.Add(new DiscordFieldError(path, code, text));
                }
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Flatten(property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, errors);
            }
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    private static bool HeaderEquals(HttpResponseMessage response, string name, string value) =>
        string.Equals(Header(response, name), value, StringComparison.OrdinalIgnoreCase);
}
