using System.Diagnostics.Metrics;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Discord.Transport;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Tests.Support;

/// <summary>A gateway client wired to a fake Discord, on fake time with jitter 0.5.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string BotToken = "test-bot-token.SECRET";
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(45000);
    public static readonly TimeSpan FirstBeat = TimeSpan.FromMilliseconds(22500);

    private readonly CancellationTokenSource _cts = new();
    private readonly HttpClient _http = new();
    private readonly ServiceProvider _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private GatewayHarness(FakeDiscordServer discord, IReconnectStrategy? reconnect, string token)
    {
        Discord = discord;
        var options = Options.Create(new DiscordClientOptions { Token = token, ApiBaseUrl = discord.ApiBaseUrl });
        var rest = new DiscordRestClient(_http, new RestRateLimiter(Time), options, Time, Logs.CreateLogger<DiscordRestClient>());
        Client = new GatewayClient(
            options,
            rest,
            new WebSocketGatewayTransportFactory(options),
            reconnect ?? new ExponentialReconnectStrategy(new FixedRandom(0.5)),
            new FixedRandom(0.5),
            Time,
            Logs.CreateLogger<GatewayClient>(),
            new DiscordMetrics(MeterFactory));
        Client.HeartbeatAcknowledged += (_, _) =>
        {
            Interlocked.Increment(ref _acks);
            _waiter.Pulse();
        };
        Client.StatusChanged += (_, _) => _waiter.Pulse();
    }

    private readonly Waiter _waiter = new();
    private int _acks;

    /// <summary>Waits until a condition on the client holds (pulsed by ACKs and status changes).</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what) => _waiter.UntilAsync(condition, what);

    public FakeDiscordServer Discord { get; }

    public IMeterFactory MeterFactory => _meters.GetRequiredService<IMeterFactory>();

    public FakeGateway Gateway => Discord.Gateway;

    public TrackingTimeProvider Time { get; } = new();

    public CollectingLoggerProvider Logs { get; } = new();

    public GatewayClient Client { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    public int Acks => Volatile.Read(ref _acks);

    public static async Task<GatewayHarness> StartAsync(Action<FakeDiscordServer>? arrange = null, IReconnectStrategy? reconnect = null, string token = BotToken)
    {
        FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        arrange?.Invoke(discord);
        var harness = new GatewayHarness(discord, reconnect, token);
        harness.Run = Task.Run(() => harness.Client.RunAsync(harness._cts.Token));
        return harness;
    }

    /// <summary>Starts and waits for READY.</summary>
    public static async Task<GatewayHarness> StartReadyAsync(Action<FakeDiscordServer>? arrange = null, IReconnectStrategy? reconnect = null)
    {
        GatewayHarness harness = await StartAsync(arrange, reconnect);
        await harness.Client.Ready.WaitAsync(Waiter.DefaultTimeout);
        return harness;
    }

    public async Task<Interaction> NextInteractionAsync()
    {
        using var cts = new CancellationTokenSource(Waiter.DefaultTimeout);
        return (await Client.Interactions.ReadAsync(cts.Token)).Interaction;
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await Run.WaitAsync(Waiter.DefaultTimeout);
        }
        catch (Exception)
        {
            // Tests assert on Run themselves.
        }

        await Discord.DisposeAsync();
        _http.Dispose();
        _cts.Dispose();
        await _meters.DisposeAsync();
    }
}
