using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Discord.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Gateway;

/// <summary>
/// The gateway client: one loop (<see cref="RunAsync"/>) owns every state transition — connect, IDENTIFY or
/// RESUME, reconnect with backoff, stop on a fatal close code. Interactions arrive on <see cref="Interactions"/>.
/// </summary>
public sealed class GatewayClient
{
    private const string Library = "DiscussionBot";
    private readonly DiscordClientOptions _options;
    private readonly IGatewayBotProvider _gatewayBot;
    private readonly IGatewayTransportFactory _transports;
    private readonly IReconnectStrategy _reconnect;
    private readonly IRandomSource _random;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DiscordMetrics? _metrics;
    private readonly Channel<ReceivedInteraction> _interactions;
    private readonly GatewaySession _session = new();
    private readonly TaskCompletionSource<GatewayReadyInfo> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _stopCloseCode = GatewayCloseCodes.Normal;
    private int _running;
    private int _status = (int)GatewayStatus.Offline;

    /// <summary>Creates the client; nothing connects until <see cref="RunAsync"/>.</summary>
    /// <param name="options">Token, shard and queue settings.</param>
    /// <param name="gatewayBot">Source of <c>GET /gateway/bot</c>.</param>
    /// <param name="transports">Creates a socket per connection.</param>
    /// <param name="reconnect">Backoff between reconnects.</param>
    /// <param name="random">Heartbeat jitter and the op 9 pause.</param>
    /// <param name="time">The clock for heartbeats and waits.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Where rate limits and reconnects are counted; none in tests that do not look.</param>
    public GatewayClient(
        IOptions<DiscordClientOptions> options,
        IGatewayBotProvider gatewayBot,
        IGatewayTransportFactory transports,
        IReconnectStrategy reconnect,
        IRandomSource random,
        TimeProvider time,
        ILogger<GatewayClient> logger,
        DiscordMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _gatewayBot = gatewayBot;
        _transports = transports;
        _reconnect = reconnect;
        _random = random;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _interactions = Channel.CreateBounded<ReceivedInteraction>(new BoundedChannelOptions(Math.Max(1, _options.InteractionQueueCapacity))
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>
    /// Interactions received, in order, each with its receipt time (bounded; when the host falls behind, new ones are dropped and logged rather than
    /// stalling the socket). Completes when <see cref="RunAsync"/> ends — faulted with the same exception on a fatal close.
    /// </summary>
    public ChannelReader<ReceivedInteraction> Interactions => _interactions.Reader;

    /// <summary>Completes with the first READY (application id, session); faults if the gateway fails fatally first.</summary>
    public Task<GatewayReadyInfo> Ready => _ready.Task;

    /// <summary>The current connection status.</summary>
    public GatewayStatus Status => (GatewayStatus)Volatile.Read(ref _status);

    /// <summary>Raised when Discord acknowledges a heartbeat (op 11), on the gateway loop.</summary>
    public event EventHandler? HeartbeatAcknowledged;

    /// <summary>Raised on every status change (on the gateway loop; keep handlers short).</summary>
    public event EventHandler<GatewayStatus>? StatusChanged;

    /// <summary>
    /// Connects and keeps the session alive until <paramref name="cancellationToken"/> is cancelled or
    /// <see cref="CloseAsync"/> is called (both return normally), or a fatal close code arrives.
    /// </summary>
    /// <param name="cancellationToken">Stops the gateway, closing with code 1000 (ends the session).</param>
    /// <exception cref="GatewayFatalException">Discord closed with a fatal code (e.g. 4004 bad token).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The gateway client is already running or has run.");
        }

        string token = _options.RequireToken();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        CancellationToken stopToken = linked.Token;
        var dispatcher = new GatewayDispatcher(_session, _interactions.Writer, _time, _logger);
        dispatcher.Ready += info => _ready.TrySetResult(info);
        var identifyGate = new IdentifyGate(_time, _logger);
        var settings = new ConnectionSettings(token, BuildIdentify(token), _time, _random, _logger, () => HeartbeatAcknowledged?.Invoke(this, EventArgs.Empty));
        int attempt = 0;
        Exception? failure = null;
        try
        {
            while (!stopToken.IsCancellationRequested)
            {
                ConnectionOutcome outcome;
                SetStatus(GatewayStatus.Connecting);
                bool resume = _session.CanResume;
                try
                {
                    Uri uri;
                    if (resume)
                    {
                        uri = WithQuery(_session.ResumeGatewayUrl!);
                    }
                    else
                    {
                        GatewayBotInfo info = await GetGatewayBotAsync(stopToken).ConfigureAwait(false);
                        await identifyGate.WaitAsync(info.SessionStartLimit, stopToken).ConfigureAwait(false);
                        uri = WithQuery(new Uri(info.Url));
                    }

                    Log.Connecting(_logger, uri, resume);
                    IGatewayTransport transport = _transports.Create();
                    await using ConfiguredAsyncDisposable disposeTransport = transport.ConfigureAwait(false);
                    await transport.ConnectAsync(uri, stopToken).ConfigureAwait(false);
                    var connection = new GatewayConnection(transport, _session, dispatcher, settings, SetStatus);
                    outcome = await connection
                        .RunAsync(resume, () => Volatile.Read(ref _stopCloseCode), () => attempt = 0, stopToken)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is WebSocketException or HttpRequestException or IOException or DiscordApiException)
                {
                    Log.ConnectionFailed(_logger, ex.GetType().Name, ex.Message);
                    outcome = new ConnectionOutcome(CloseAction.Resume, null);
                }
                catch (Exception ex) when (ex is not (GatewayFatalException or OperationCanceledException))
                {
                    // A bug or an unexpected payload must not kill the bot: log it and reconnect with backoff.
                    Log.ConnectionError(_logger, ex);
                    outcome = new ConnectionOutcome(CloseAction.Resume, null);
                }

                if (outcome.Stopped)
                {
                    break;
                }

                if (outcome.Action == CloseAction.Fatal)
                {
                    int code = outcome.CloseCode ?? 0;
                    Log.Fatal(_logger, GatewayCloseCodes.Describe(code), code);
                    throw new GatewayFatalException(code);
                }

                if (outcome.Action == CloseAction.NewSession)
                {
                    _session.Clear();
                }

                _metrics?.Reconnect(outcome.Action == CloseAction.NewSession ? "identify" : "resume");
                TimeSpan delay = _reconnect.GetDelay(attempt++);
                if (outcome.MinimumDelay > delay)
                {
                    delay = outcome.MinimumDelay;
                }

                if (delay > TimeSpan.Zero)
                {
                    Task wait = Task.Delay(delay, _time, stopToken);
                    SetStatus(GatewayStatus.Reconnecting);
                    Log.ReconnectDelay(_logger, delay, attempt);
                    await wait.ConfigureAwait(false);
                }
                else
                {
                    SetStatus(GatewayStatus.Reconnecting);
                }
            }
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            // Stopped while waiting to reconnect.
        }
        catch (Exception ex)
        {
            failure = ex;
            throw;
        }
        finally
        {
            SetStatus(failure is GatewayFatalException ? GatewayStatus.Faulted : GatewayStatus.Offline);
            if (failure is not null)
            {
                _ready.TrySetException(failure);
            }
            else
            {
                _ready.TrySetCanceled(CancellationToken.None);
            }

            _interactions.Writer.TryComplete(failure);
        }
    }

    /// <summary>
    /// Stops <see cref="RunAsync"/>, closing the socket with <paramref name="closeCode"/>: 1000 ends the Discord
    /// session (the bot shows offline); any 4000–4999 code keeps it resumable for a few minutes.
    /// </summary>
    /// <param name="closeCode">The WebSocket close code.</param>
    public async Task CloseAsync(int closeCode = GatewayCloseCodes.Normal)
    {
        Volatile.Write(ref _stopCloseCode, closeCode);
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _gatewayBot.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            Log.Fatal(_logger, "Discord rejected the bot token", 401);
            throw new GatewayFatalException("Discord rejected the bot token (HTTP 401 on GET /gateway/bot)", ex);
        }
    }

    private IdentifyData BuildIdentify(string token) => new()
    {
        Token = token,
        Intents = 0,
        Properties = new IdentifyProperties(Environment.OSVersion.Platform.ToString().ToUpperInvariant() switch
        {
            "WIN32NT" => "windows",
            "UNIX" when OperatingSystem.IsMacOS() => "macos",
            _ => "linux",
        }, Library, Library),
        Shard = [_options.ShardId, _options.ShardCount],
    };

    private static Uri WithQuery(Uri baseUri)
    {
        var builder = new UriBuilder(baseUri) { Query = "v=10&encoding=json" };
        return builder.Uri;
    }

    private void SetStatus(GatewayStatus status)
    {
        if (Interlocked.Exchange(ref _status, (int)status) != (int)status)
        {
            StatusChanged?.Invoke(this, status);
        }
    }
}
