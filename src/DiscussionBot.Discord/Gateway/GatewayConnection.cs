using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DiscussionBot.Discord.Transport;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord.Gateway;

/// <summary>How one connection ended.</summary>
/// <param name="Action">What to do next.</param>
/// <param name="CloseCode">The server's close code, if any.</param>
/// <param name="Stopped">True when the client was asked to stop.</param>
/// <param name="MinimumDelay">A pause required before reconnecting (op 9 d:false).</param>
internal sealed record ConnectionOutcome(CloseAction Action, int? CloseCode, bool Stopped = false, TimeSpan MinimumDelay = default)
{
    public static ConnectionOutcome Stop { get; } = new(CloseAction.Resume, null, Stopped: true);
}

/// <summary>Settings that do not change between connections.</summary>
internal sealed record ConnectionSettings(string Token, IdentifyData Identify, TimeProvider Time, IRandomSource Random, ILogger Logger, Action OnHeartbeatAck);

/// <summary>
/// Runs one gateway connection: HELLO, heartbeats, IDENTIFY or RESUME, then the receive loop until the socket
/// ends. Transitions between connections belong to <see cref="GatewayClient"/>.
/// </summary>
internal sealed class GatewayConnection(
    IGatewayTransport transport,
    GatewaySession session,
    GatewayDispatcher dispatcher,
    ConnectionSettings settings,
    Action<GatewayStatus> setStatus)
{
    private const int DefaultHeartbeatIntervalMs = 41250;
    private static readonly TimeSpan CloseDrainTimeout = TimeSpan.FromSeconds(5);
    private readonly GatewaySendLimiter _sendLimiter = new(settings.Time);
    private readonly ILogger _logger = settings.Logger;
    private volatile bool _zombie;

    /// <summary>Runs until the connection ends. <paramref name="stopToken"/> closes it with <paramref name="stopCloseCode"/>.</summary>
    public async Task<ConnectionOutcome> RunAsync(bool resume, Func<int> stopCloseCode, Action onHealthy, CancellationToken stopToken)
    {
        // Cancelling a WebSocket receive or send aborts the socket (no close frame), so the receive is never
        // cancelled: a stop or a zombie is a signal raced against it, followed by a proper close.
        using var connectionCts = new CancellationTokenSource();
        CancellationToken token = connectionCts.Token;
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration onStop = stopToken.Register(() => signal.TrySetResult());
        Heartbeater? heartbeater = null;
        try
        {
            while (true)
            {
                Task<TransportReceiveResult> receiving = transport.ReceiveAsync(CancellationToken.None);
                if (await Task.WhenAny(receiving, signal.Task).ConfigureAwait(false) != receiving)
                {
                    if (stopToken.IsCancellationRequested)
                    {
                        await CloseAsync(stopCloseCode(), "closing", receiving).ConfigureAwait(false);
                        return ConnectionOutcome.Stop;
                    }

                    // The heartbeater found no ACK: keep the session resumable.
                    await CloseAsync(GatewayCloseCodes.ClientReconnect, "zombie connection", receiving).ConfigureAwait(false);
                    return new ConnectionOutcome(CloseAction.Resume, null);
                }

                TransportReceiveResult received = await receiving.ConfigureAwait(false);
                if (received.IsClosed)
                {
                    CloseAction action = GatewayCloseCodes.Classify(received.CloseCode);
                    Log.ConnectionClosed(_logger, received.CloseCode, GatewayCloseCodes.Describe(received.CloseCode), action);

                    // Complete the handshake echoing the server's code (never 1000 of our own: keep the session resumable).
                    await transport.CloseAsync(GatewayCloseCodes.EchoCode(received.CloseCode), string.Empty, CancellationToken.None)
                        .ConfigureAwait(false);
                    return new ConnectionOutcome(action, received.CloseCode);
                }

                GatewayPayload? payload;
                try
                {
                    payload = JsonSerializer.Deserialize(received.Message!, GatewayJsonContext.Default.GatewayPayload);
                }
                catch (JsonException ex)
                {
                    Log.PayloadUnreadable(_logger, ex.Message);
                    continue;
                }

                if (payload is null)
                {
                    continue;
                }

                switch (payload.Op)
                {
                    case GatewayOpCode.Hello:
                        HelloData hello = payload.D.Deserialize(GatewayJsonContext.Default.HelloData) ?? new HelloData();
                        heartbeater = new Heartbeater(
                            settings.Time,
                            TimeSpan.FromMilliseconds(hello.HeartbeatInterval > 0 ? hello.HeartbeatInterval : DefaultHeartbeatIntervalMs),
                            settings.Random.NextDouble(),
                            ct => SendAsync(new HeartbeatCommand { D = session.LastSequence }, GatewayJsonContext.Default.HeartbeatCommand, heartbeat: true, ct),
                            () => { _zombie = true; signal.TrySetResult(); },
                            _logger);
                        // Start beating before IDENTIFY/RESUME so the first beat is timed from HELLO.
                        heartbeater.Start(token);
                        await HandshakeAsync(resume, token).ConfigureAwait(false);
                        break;

                    case GatewayOpCode.Dispatch:
                        session.ObserveSequence(payload.S);
                        DispatchOutcome outcome = dispatcher.Handle(payload);
                        if (outcome is DispatchOutcome.Ready or DispatchOutcome.Resumed)
                        {
                            setStatus(GatewayStatus.Ready);
                            onHealthy();
                        }

                        break;

                    case GatewayOpCode.Heartbeat:
                        await SendAsync(new HeartbeatCommand { D = session.LastSequence }, GatewayJsonContext.Default.HeartbeatCommand, heartbeat: true, token)
                            .ConfigureAwait(false);
                        break;

                    case GatewayOpCode.HeartbeatAck:
                        heartbeater?.Acknowledge();
                        settings.OnHeartbeatAck();
                        break;

                    case GatewayOpCode.Reconnect:
                        Log.ReconnectRequested(_logger);
                        await CloseAsync(GatewayCloseCodes.ClientReconnect, "reconnect requested", null).ConfigureAwait(false);
                        return new ConnectionOutcome(CloseAction.Resume, null);

                    case GatewayOpCode.InvalidSession:
                        bool resumable = payload.D.ValueKind == JsonValueKind.True;
                        Log.InvalidSession(_logger, resumable);
                        if (resumable)
                        {
                            await CloseAsync(GatewayCloseCodes.ClientReconnect, "invalid session, resuming", null).ConfigureAwait(false);
                            return new ConnectionOutcome(CloseAction.Resume, null);
                        }

                        await CloseAsync(GatewayCloseCodes.Normal, "invalid session", null).ConfigureAwait(false);
                        TimeSpan pause = TimeSpan.FromMilliseconds(1000 + (4000 * settings.Random.NextDouble()));
                        return new ConnectionOutcome(CloseAction.NewSession, null, MinimumDelay: pause);

                    default:
                        break;
                }
            }
        }
        finally
        {
            await connectionCts.CancelAsync().ConfigureAwait(false);
            onStop.Dispose();
            if (heartbeater is not null)
            {
                await heartbeater.Completion.ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when the connection ended because no heartbeat ACK came back.</summary>
    public bool WasZombie => _zombie;

    private Task HandshakeAsync(bool resume, CancellationToken cancellationToken)
    {
        if (resume && session.SessionId is { } sessionId)
        {
            setStatus(GatewayStatus.Resuming);
            var command = new ResumeCommand(new ResumeData { Token = settings.Token, SessionId = sessionId, Seq = session.LastSequence });
            return SendAsync(command, GatewayJsonContext.Default.ResumeCommand, heartbeat: false, cancellationToken);
        }

        setStatus(GatewayStatus.Identifying);
        return SendAsync(new IdentifyCommand(settings.Identify), GatewayJsonContext.Default.IdentifyCommand, heartbeat: false, cancellationToken);
    }

    private async Task SendAsync<T>(T command, JsonTypeInfo<T> typeInfo, bool heartbeat, CancellationToken cancellationToken)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(command, typeInfo);
        await _sendLimiter.WaitAsync(heartbeat, cancellationToken).ConfigureAwait(false);
        await transport.SendAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends our close frame, then reads until the peer's close frame (or a short guard) so the code is not lost.</summary>
    private async Task CloseAsync(int code, string reason, Task<TransportReceiveResult>? pending)
    {
        await transport.CloseAsync(code, reason, CancellationToken.None).ConfigureAwait(false);
        using var guard = new CancellationTokenSource(CloseDrainTimeout);
        try
        {
            Task<TransportReceiveResult> next = pending ?? transport.ReceiveAsync(guard.Token);
            while (!(await next.WaitAsync(guard.Token).ConfigureAwait(false)).IsClosed)
            {
                next = transport.ReceiveAsync(guard.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The peer never answered (e.g. a zombie connection); disposing the transport aborts the socket.
        }
    }
}
