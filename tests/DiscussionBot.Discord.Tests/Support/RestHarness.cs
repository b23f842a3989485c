using System.Diagnostics.Metrics;
using DiscussionBot.Discord.Rest;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Tests.Support;

/// <summary>A REST client wired to a fake Discord on fake time.</summary>
internal sealed class RestHarness : IAsyncDisposable
{
    public const string BotToken = "rest-bot-token.SECRET";
    private readonly HttpClient _http = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private RestHarness(FakeDiscordServer discord)
    {
        Discord = discord;
        Options = new DiscordClientOptions
        {
            Token = BotToken,
            ApiBaseUrl = discord.ApiBaseUrl,
            RepositoryUrl = "https://example.test/bot",
            Version = "9.9.9",
        };
        MeterFactory = _meters.GetRequiredService<IMeterFactory>();
        Metrics = new DiscordMetrics(MeterFactory);
        Limiter = new RestRateLimiter(Time, Logs.CreateLogger<RestRateLimiter>(), Metrics);
        Client = new DiscordRestClient(_http, Limiter, Microsoft.Extensions.Options.Options.Create(Options), Time, Logs.CreateLogger<DiscordRestClient>(), Metrics);
    }

    public FakeDiscordServer Discord { get; }

    public FakeRest Rest => Discord.Rest;

    public DiscordClientOptions Options { get; }

    public TrackingTimeProvider Time { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public IMeterFactory MeterFactory { get; }

    public DiscordMetrics Metrics { get; }

    public RestRateLimiter Limiter { get; }

    public DiscordRestClient Client { get; }

    public static async Task<RestHarness> StartAsync() => new(await FakeDiscordServer.StartAsync());

    public async ValueTask DisposeAsync()
    {
        await Discord.DisposeAsync();
        _http.Dispose();
        await _meters.DisposeAsync();
    }
}
