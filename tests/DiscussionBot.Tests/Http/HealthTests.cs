using System.Diagnostics.Metrics;
using System.Net;
using DiscussionBot.Core.Documents;
using DiscussionBot.Http;
using DiscussionBot.Metrics;
using DiscussionBot.Storage.Sqlite;
using DiscussionBot.Tests.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Tests.Http;

/// <summary>/healthz, /readyz and the metrics they sit beside, through the real host on a real Kestrel.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Readyz_HttpModeStarted_ReadyWithStoreAndEngineAndNoGatewayCheck()
    {
        await using HttpBot bot = await HttpBot.StartAsync();

        (HttpStatusCode status, string body) = await bot.GetAsync("readyz");
        (HttpStatusCode liveStatus, string live) = await bot.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("ready\n", body, StringComparison.Ordinal);
        Assert.Contains("store: ok", body, StringComparison.Ordinal);
        Assert.Contains("engine: ok (Lexical)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("alive\n", live);
    }

    [Fact]
    public async Task Readyz_StoreBecomesUnavailable_NotReadyThenReadyAgain()
    {
        FailingRevisionStore? store = null;
        await using HttpBot bot = await HttpBot.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<IDocumentStore>(sp =>
            store = new FailingRevisionStore(sp.GetRequiredService<SqliteDocumentStore>()))));

        store!.Unavailable = true;
        (HttpStatusCode down, string body) = await bot.GetAsync("readyz");
        (HttpStatusCode alive, _) = await bot.GetAsync("healthz");
        store.Unavailable = false;
        (HttpStatusCode up, _) = await bot.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.StartsWith("not ready\n", body, StringComparison.Ordinal);
        Assert.Contains("store: FAIL (unavailable (StoreUnusableException))", body, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Live.Folder.Path, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive);
        Assert.Equal(HttpStatusCode.OK, up);
    }

    [Fact]
    public async Task Readyz_GatewayModeWithHealthOn_ReadyOnlyWhileTheGatewayIsConnected()
    {
        await using LiveHarness live = await LiveHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Http:HealthInGatewayMode"] = "true",
            ["Urls"] = "http://127.0.0.1:0",
        });
        Uri root = (await live.Services.GetRequiredService<WebEndpointHostedService>().Addresses.WaitAsync(Waiter.DefaultTimeout))[0];
        using var client = new HttpClient { Timeout = Waiter.DefaultTimeout };

        using HttpResponseMessage ready = await client.GetAsync(new Uri(root, "readyz"));
        using HttpResponseMessage interactions = await client.PostAsync(new Uri(root, "interactions"), new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("gateway: ok (Ready)", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, interactions.StatusCode);
    }

    [Fact]
    public async Task Interaction_AnsweredInline_CountedByCommandAndOutcomeWithItsLatency()
    {
        await using HttpBot bot = await HttpBot.StartAsync();
        using var recorder = new MeasurementRecorder(bot.Live.Services.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName);

        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.Body(FakeInteractions.SlashCommand("sources"))));

        MeasurementRecorder.Measurement counted = await recorder.WaitForAsync("discussionbot.interactions");
        MeasurementRecorder.Measurement latency = await recorder.WaitForAsync("discussionbot.interaction.duration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/sources", counted.Tags["command"]);
        Assert.Equal("immediate", counted.Tags["outcome"]);
        Assert.Equal(1, counted.Value);
        Assert.Equal("/sources", latency.Tags["command"]);
        Assert.True(latency.Value >= 0);
        Assert.DoesNotContain(recorder.Measurements, m => m.Instrument == "discussionbot.interactions.deferred");
    }

    /// <summary>The real store, except that its revision read fails while <see cref="Unavailable"/> (as a locked or lost file would).</summary>
    private sealed class FailingRevisionStore(IDocumentStore inner) : IDocumentStore
    {
        public volatile bool Unavailable;

        public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken) => inner.ListDocumentsAsync(cancellationToken);

        public Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken) => inner.GetDocumentAsync(documentId, cancellationToken);

        public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken) =>
            inner.SearchSentencesAsync(terms, documentId, limit, cancellationToken);

        public Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken) =>
            inner.SearchDocumentsAsync(terms, limit, cancellationToken);

        public Task<long> GetRevisionAsync(CancellationToken cancellationToken) => Unavailable
            ? throw new StoreUnusableException("the store at /somewhere/secret.db cannot be used", new IOException())
            : inner.GetRevisionAsync(cancellationToken);
    }
}
