using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>
/// The fake's attachment host (Discord's CDN): files served under <c>/attachments/</c>. A file can claim another
/// length than it has, or stall until released, to test the bot's size and time limits without sleeping.
/// </summary>
public sealed class FakeAttachments(FakeDiscordServer server)
{
    private readonly ConcurrentDictionary<string, FakeAttachment> _files = new(StringComparer.Ordinal);

    private int _requests;

    public int Requests => _requests;

    /// <summary>Pulsed when a request arrives.</summary>
    public Waiter Arrivals { get; } = new();

    /// <summary>Serves <paramref name="content"/> at the returned URL.</summary>
    public Uri Add(string name, byte[] content, long? claimedLength = null, Task? stallUntil = null)
    {
        _files[name] = new FakeAttachment(content, claimedLength, stallUntil);
        return new Uri(server.BaseUri, $"attachments/{Uri.EscapeDataString(name)}");
    }

    internal async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        Arrivals.Pulse();
        string name = Uri.UnescapeDataString(context.Request.Path.Value!["/attachments/".Length..]);
        if (!_files.TryGetValue(name, out FakeAttachment? file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (file.StallUntil is { } stall)
        {
            await stall.WaitAsync(context.RequestAborted);
        }

        if (file.ClaimedLength is { } claimed)
        {
            context.Response.ContentLength = claimed;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    private sealed record FakeAttachment(byte[] Content, long? ClaimedLength, Task? StallUntil);
}
