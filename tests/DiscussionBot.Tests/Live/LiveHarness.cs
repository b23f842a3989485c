using DiscussionBot.Discord.Gateway;
using DiscussionBot.Hosting;
using DiscussionBot.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Tests.Live;

/// <summary>
/// The real app host in live mode, pointed by Discord:ApiBaseUrl at a fake Discord on loopback, with a
/// temporary store built from the seed, lexical engine and fake time (timers run only when a test advances them).
/// </summary>
public sealed class LiveHarness : IAsyncDisposable
{
    public const string Token = "test-bot-token-SECRET";

    private bool _ownsFixtures = true;

    private LiveHarness(FakeDiscordServer discord, TemporaryFolder folder, IHost host, TrackingTimeProvider time, CollectingLoggerProvider logs)
    {
        Discord = discord;
        Folder = folder;
        Host = host;
        Time = time;
        Logs = logs;
    }

    public FakeDiscordServer Discord { get; }

    public TemporaryFolder Folder { get; }

    public IHost Host { get; }

    public TrackingTimeProvider Time { get; }

    public CollectingLoggerProvider Logs { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<LiveHarness> StartAsync(
        Action<IServiceCollection>? configureServices = null,
        TemporaryFolder? folder = null,
        FakeDiscordServer? discord = null,
        bool start = true,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        bool ownsFixtures = discord is null && folder is null;
        discord ??= await FakeDiscordServer.StartAsync();
        folder ??= new TemporaryFolder();
        string seeds = Directory.Exists(folder.Combine("seeds")) ? folder.Combine("seeds") : SeedDocuments.WriteSeedFolder(folder);
        var time = new TrackingTimeProvider();
        var logs = new CollectingLoggerProvider();
        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(interactive: false, configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = folder.Combine("data", "store.db"),
            ["Store:SeedsPath"] = seeds,
            ["Engine:Mode"] = "Lexical",
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Commands:CooldownBurst"] = "1000",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.Logging.AddProvider(logs);
        LiveMode.AddLiveServices(builder.Services, builder.Configuration);
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        // Attachments come from the fake's CDN on loopback, the only allowed host.
        builder.Services.Configure<DiscussionBot.Sources.AttachmentDownloadOptions>(o => o.AllowedHosts = [discord.BaseUri.Host]);
        configureServices?.Invoke(builder.Services);
        IHost host = builder.Build();
        var harness = new LiveHarness(discord, folder, host, time, logs) { _ownsFixtures = ownsFixtures };
        if (start)
        {
            await host.StartAsync();
            if (LiveMode.DeliveryMode(builder.Configuration) == DiscussionBot.Discord.InteractionDelivery.Gateway)
            {
                await host.Services.GetRequiredService<GatewayClient>().Ready.WaitAsync(Waiter.DefaultTimeout);
            }
        }

        return harness;
    }

    public int ExitCode => Services.GetRequiredService<LiveExit>().Code;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(Waiter.DefaultTimeout);
            await Host.StopAsync(timeout.Token);
        }
        finally
        {
            Host.Dispose();
            if (_ownsFixtures)
            {
                await Discord.DisposeAsync();
                Folder.Dispose();
            }
        }
    }
}
