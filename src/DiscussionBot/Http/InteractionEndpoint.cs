using DiscussionBot.Discord;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Webhook;
using DiscussionBot.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Http;

/// <summary>
/// <c>POST /interactions</c>: checks Discord's signature, answers PING with PONG, and hands every other interaction to
/// the same dispatcher and responder as the gateway. The first response (the answer when ready in time, else a deferral)
/// is this POST's response body; later answers go by REST. Receipt is stamped before anything else, so the 3-second
/// window counts from when the request arrived.
/// </summary>
public sealed class InteractionEndpoint(
    HttpInteractionQueue queue,
    InteractionSignatureVerifier verifier,
    LiveReadiness readiness,
    TimeProvider time,
    IOptions<HttpEndpointOptions> options,
    IOptions<DiscordClientOptions> discordOptions,
    ILogger<InteractionEndpoint> logger)
{
    private const string JsonContentType = "application/json";
    private readonly int _maxBody = options.Value.MaxRequestBodyBytes;
    private readonly TimeSpan _maxAge = TimeSpan.FromSeconds(options.Value.SignatureMaxAgeSeconds);

    public async Task HandleAsync(HttpContext context)
    {
        long received = time.GetTimestamp();
        HttpRequest request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        byte[]? body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            HttpLog.Refused(logger, "body too large");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (!verifier.IsValid(request.Headers[InteractionSignatureVerifier.SignatureHeader], request.Headers[InteractionSignatureVerifier.TimestampHeader], body))
        {
            HttpLog.Refused(logger, "missing or invalid signature");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!IsFresh(request.Headers[InteractionSignatureVerifier.TimestampHeader]))
        {
            HttpLog.Refused(logger, "signature timestamp outside the replay window (Http:SignatureMaxAgeSeconds)");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        Interaction? interaction = WebhookPayloads.ReadInteraction(body);
        if (interaction is null)
        {
            HttpLog.Refused(logger, "not an interaction");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            await WriteAsync(context, WebhookPayloads.Pong);
            return;
        }

        if (!readiness.StartupComplete)
        {
            // Still seeding or warming up: Discord shows the member "did not respond" either way, so say so at once.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var inline = new InlineResponse();
        if (!queue.TryEnqueue(new ReceivedInteraction(interaction, received, inline)))
        {
            HttpLog.QueueFull(logger, discordOptions.Value.InteractionQueueCapacity);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        InteractionResponse? response = await WaitForFirstResponseAsync(inline, received, context.RequestAborted);
        if (response is null)
        {
            HttpLog.NoResponse(logger, interaction.Id);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await WriteAsync(context, response);
    }

    /// <summary>The responder always answers, defers or gives up inside Discord's window; the timeout is only a backstop.</summary>
    private async Task<InteractionResponse?> WaitForFirstResponseAsync(InlineResponse inline, long received, CancellationToken aborted)
    {
        TimeSpan left = DiscordLimits.InitialResponseDeadline - time.GetElapsedTime(received);
        try
        {
            return await inline.Response.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, time, aborted);
        }
        catch (TimeoutException)
        {
            inline.Abandon();
            return null;
        }
    }

    /// <summary>The raw body (the signature covers its exact bytes), or null when it is larger than allowed.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _maxBody)
        {
            return null;
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > _maxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, InteractionResponse response)
    {
        byte[] json = WebhookPayloads.Write(response);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>The signed timestamp (Unix seconds, already verified as part of the signature) is within the replay window.</summary>
    private bool IsFresh(string? timestamp)
    {
        if (_maxAge == TimeSpan.Zero)
        {
            return true;
        }

        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds) ||
            seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        TimeSpan age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        return age.Duration() <= _maxAge;
    }
}
