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
    private readonly GatewaySendLimiter _sendLimiter = new(settings.Time);
    private readonly ILogger _logger = settings.Logger;
    private volatile bool _zombie;

    /// <summary>Runs until the connection ends. <paramref name="stopToken"/> closes it with <paramref name="stopCloseCode"/>.</summary>
    public async Task<ConnectionOutcome> RunAsync(bool resume, Func<int> stopCloseCode, Action onHealthy, CancellationToken stopToken)
    {
        using var connectionCts = CancellationTokenSource.CreateLinkedTokenSource(stopToken);
        CancellationToken token = connectionCts.Token;
        Heartbeater? heartbeater = null;
        try
        {
            while (true)
            {
                TransportReceiveResult received;
                try
                {
                    received = await transport.ReceiveAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    if (stopToken.IsCancellationRequested)
                    {
                        await CloseAsync(stopCloseCode(), "closing").ConfigureAwait(false);
                        return ConnectionOutcome.Stop;
                    }

                    // The heartbeater found no ACK: keep the session resumable.
                    await CloseAsync(GatewayCloseCodes.ClientReconnect, "zombie connection").ConfigureAwait(false);
                    return new ConnectionOutcome(CloseAction.Resume, null);
                }

                if (received.IsClosed)
                {
                    CloseAction action = GatewayCloseCodes.Classify(received.CloseCode);
                    Log.ConnectionClosed(_logger, received.CloseCode, GatewayCloseCodes.Describe(received.CloseCode), action);
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
                            TimeSpan.FromMilliseconds(hello.HeartbeatInterval),
                            settings.Random.NextDouble(),
                            ct => SendAsync(new HeartbeatCommand { D = session.LastSequence }, GatewayJsonContext.Default.HeartbeatCommand, heartbeat: true, ct),
                            () => { _zombie = true; connectionCts.Cancel(); },
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
                        await CloseAsync(GatewayCloseCodes.ClientReconnect, "reconnect requested").ConfigureAwait(false);
                        return new ConnectionOutcome(CloseAction.Resume, null);

                    case GatewayOpCode.InvalidSession:
                        bool resumable = payload.D.ValueKind == JsonValueKind.True;
                        Log.InvalidSession(_logger, resumable);
                        if (resumable)
                        {
                            await CloseAsync(GatewayCloseCodes.ClientReconnect, "invalid session, resuming").ConfigureAwait(false);
                            return new ConnectionOutcome(CloseAction.Resume, null);
                        }

                        await CloseAsync(GatewayCloseCodes.Normal, "invalid session").ConfigureAwait(false);
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

    private Task CloseAsync(int code, string reason) => transport.CloseAsync(code, reason, CancellationToken.None);
}
