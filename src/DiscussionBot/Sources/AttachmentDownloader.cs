using System.ComponentModel.DataAnnotations;
using System.Net;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Sources;

/// <summary>Where and how attachments may be fetched. Bound from the <c>Sources</c> configuration section.</summary>
public sealed class AttachmentDownloadOptions
{
    /// <summary>
    /// Hosts an attachment URL may point to (exact names): Discord's attachment hosts. Anything else is refused
    /// without a request, so a crafted URL cannot make the bot fetch from elsewhere.
    /// </summary>
    [MinLength(1)]
    public List<string> AllowedHosts { get; set; } = ["cdn.discordapp.com", "media.discordapp.net"];

    [Range(1, 120)]
    public int DownloadTimeoutSeconds { get; set; } = 10;
}

/// <summary>
/// Downloads an attachment a member gave to <c>/source add</c>: only over HTTPS (plain HTTP only to a loopback
/// host, for tests), only from an allow-listed host, never following redirects, within a size limit (checked on
/// the declared size, on Content-Length and while reading) and a time limit.
/// </summary>
public sealed class AttachmentDownloader(
    HttpClient http,
    IOptions<AttachmentDownloadOptions> options,
    IOptions<GuildSourceLimits> limits,
    TimeProvider time) : IAttachmentDownloader
{
    public const string HttpClientName = "attachments";

    private readonly AttachmentDownloadOptions _options = options.Value;
    private readonly int _maxBytes = limits.Value.MaxFileBytes;

    public async Task<byte[]> DownloadAsync(Uri url, long? declaredSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsAllowed(url))
        {
            throw new AttachmentRejectedException("I only download attachments from Discord itself.");
        }

        if (declaredSize > _maxBytes)
        {
            throw TooLarge(declaredSize.Value);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(_options.DownloadTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new AttachmentRejectedException($"Discord did not hand over the file (HTTP {(int)response.StatusCode}). Try uploading it again.");
            }

            if (response.Content.Headers.ContentLength > _maxBytes)
            {
                throw TooLarge(response.Content.Headers.ContentLength.Value);
            }

            await using Stream body = await response.Content.ReadAsStreamAsync(linked.Token);
            return await ReadCappedAsync(body, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AttachmentRejectedException($"Downloading the file took longer than {_options.DownloadTimeoutSeconds} seconds, so I gave up.");
        }
        catch (HttpRequestException ex)
        {
            throw new AttachmentRejectedException("I could not download the file from Discord. Try again in a moment.", ex);
        }
    }

    private bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri &&
        (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)) &&
        _options.AllowedHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads at most the limit plus one byte: a server that lies about its length still cannot flood us.</summary>
    private async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _maxBytes)
            {
                throw TooLarge(buffer.Length);
            }
        }

        return buffer.ToArray();
    }

    private AttachmentRejectedException TooLarge(long bytes) =>
        new($"The file is {Megabytes(bytes)}; a server's documents may be at most {Megabytes(_maxBytes)} each (Sources:MaxFileBytes).");

    private static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}

/// <summary>
/// The commands' <see cref="IAttachmentDownloader"/>: a long-lived service, so each download takes a fresh client
/// from <see cref="IHttpClientFactory"/> (the named client has redirects turned off).
/// </summary>
public sealed class PooledAttachmentDownloader(
    IHttpClientFactory clients,
    IOptions<AttachmentDownloadOptions> options,
    IOptions<GuildSourceLimits> limits,
    TimeProvider time) : IAttachmentDownloader
{
    public async Task<byte[]> DownloadAsync(Uri url, long? declaredSize, CancellationToken cancellationToken)
    {
        using HttpClient http = clients.CreateClient(AttachmentDownloader.HttpClientName);
        return await new AttachmentDownloader(http, options, limits, time).DownloadAsync(url, declaredSize, cancellationToken);
    }
}
