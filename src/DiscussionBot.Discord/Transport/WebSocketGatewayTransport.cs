using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace DiscussionBot.Discord.Transport;

/// <summary><see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>.</summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    /// <inheritdoc />
    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _socket.ConnectAsync(uri, cancellationToken);
    }

    /// <inheritdoc />
    public async Task SendAsync(ReadOnlyMemory<byte> utf8Text, CancellationToken cancellationToken)
    {
        if (utf8Text.Length > GatewayTransportLimits.MaxPayloadBytes)
        {
            throw new ArgumentException(
                $"Gateway payload of {utf8Text.Length} bytes exceeds {GatewayTransportLimits.MaxPayloadBytes}.",
                nameof(utf8Text));
        }

        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(utf8Text, WebSocketMessageType.Text, endOfMessage: true, cancellationToken)
                .ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<TransportReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(8192);
        try
        {
            while (true)
            {
                Memory<byte> chunk = buffer.GetMemory(8192);
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(chunk, cancellationToken)
                    .ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return TransportReceiveResult.Closed(
                        _socket.CloseStatus is { } status ? (int)status : null,
                        _socket.CloseStatusDescription);
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    return TransportReceiveResult.FromMessage(Encoding.UTF8.GetString(buffer.WrittenSpan));
                }
            }
        }
        catch (WebSocketException)
        {
            return TransportReceiveResult.Dropped;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
            return TransportReceiveResult.Dropped;
        }
    }

    /// <inheritdoc />
    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            _socket.Abort();
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CloseHandshakeTimeout);
        try
        {
            // Only our half of the handshake; the caller keeps receiving until the peer's close frame arrives.
            await _socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ArgumentException)
        {
            _socket.Abort();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendLock.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Creates <see cref="WebSocketGatewayTransport"/> instances.</summary>
public sealed class WebSocketGatewayTransportFactory : IGatewayTransportFactory
{
    /// <inheritdoc />
    public IGatewayTransport Create() => new WebSocketGatewayTransport();
}
