using System.Text;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Sources;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiscussionBot.Tests.Sources;

/// <summary>Attachment downloads against the fake Discord's CDN on loopback: allow-list, size and time limits.</summary>
public sealed class AttachmentDownloaderTests : IAsyncLifetime
{
    private const int MaxBytes = 1000;

    private readonly FakeTimeProvider _time = new();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });
    private FakeDiscordServer _discord = null!;
    private AttachmentDownloader _downloader = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscordServer.StartAsync();
        _downloader = new AttachmentDownloader(
            _http,
            Options.Create(new AttachmentDownloadOptions { AllowedHosts = [_discord.BaseUri.Host], DownloadTimeoutSeconds = 5 }),
            Options.Create(new GuildSourceLimits { MaxFileBytes = MaxBytes }),
            _time);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task DownloadAsync_AllowedHostWithinLimit_ReturnsTheBytes()
    {
        byte[] content = Encoding.UTF8.GetBytes("<p>Broken <b>html</p>");
        Uri url = _discord.Attachments.Add("page.html", content);

        Assert.Equal(content, await _downloader.DownloadAsync(url, content.Length, CancellationToken.None));
    }

    [Fact]
    public async Task DownloadAsync_HostOutsideAllowList_RefusedWithoutARequest()
    {
        Uri url = new UriBuilder(_discord.Attachments.Add("a.txt", [1, 2, 3])) { Host = "localhost" }.Uri;

        var error = await Assert.ThrowsAsync<AttachmentRejectedException>(() => _downloader.DownloadAsync(url, 3, CancellationToken.None));

        Assert.Contains("only download attachments from Discord", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _discord.Attachments.Requests);
    }

    [Fact]
    public async Task DownloadAsync_PlainHttpToANonLoopbackHost_Refused()
    {
        var downloader = new AttachmentDownloader(_http,
            Options.Create(new AttachmentDownloadOptions { AllowedHosts = ["cdn.discordapp.com"] }),
            Options.Create(new GuildSourceLimits()), _time);

        await Assert.ThrowsAsync<AttachmentRejectedException>(
            () => downloader.DownloadAsync(new Uri("http://cdn.discordapp.com/attachments/1/2/a.txt"), 10, CancellationToken.None));
    }

    [Fact]
    public async Task DownloadAsync_DeclaredSizeOverLimit_RefusedWithoutARequest()
    {
        Uri url = _discord.Attachments.Add("big.pdf", new byte[10]);

        var error = await Assert.ThrowsAsync<AttachmentRejectedException>(() => _downloader.DownloadAsync(url, MaxBytes + 1, CancellationToken.None));

        Assert.Contains("Sources:MaxFileBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _discord.Attachments.Requests);
    }

    [Fact]
    public async Task DownloadAsync_ServerSendsMoreThanDeclared_StopsAtTheLimit()
    {
        Uri url = _discord.Attachments.Add("liar.txt", new byte[MaxBytes * 50]);

        var error = await Assert.ThrowsAsync<AttachmentRejectedException>(() => _downloader.DownloadAsync(url, 10, CancellationToken.None));

        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAsync_SlowServer_GivesUpAtTheTimeLimit()
    {
        var never = new TaskCompletionSource();
        Uri url = _discord.Attachments.Add("slow.txt", [1, 2, 3], stallUntil: never.Task);

        Task<byte[]> download = _downloader.DownloadAsync(url, 3, CancellationToken.None);
        await _discord.Attachments.Arrivals.UntilAsync(() => _discord.Attachments.Requests == 1, "the request to arrive");
        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<AttachmentRejectedException>(() => download);
        Assert.Contains("longer than 5 seconds", error.Message, StringComparison.Ordinal);
        never.SetResult();
    }

    [Fact]
    public async Task DownloadAsync_MissingFile_PoliteRefusal()
    {
        Uri url = new(_discord.BaseUri, "attachments/none.txt");

        var error = await Assert.ThrowsAsync<AttachmentRejectedException>(() => _downloader.DownloadAsync(url, 3, CancellationToken.None));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }
}
