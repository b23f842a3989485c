using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Transport;

/// <summary>
/// <see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>. Sends the REST client's User-Agent in the
/// handshake, refuses messages larger than a maximum (closing with 1009) and reuses one receive buffer per connection.
/// </summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    /// <summary>Largest gateway message accepted when none is configured.</summary>
    public const int DefaultMaxMessageBytes = 4 * 1024 * 1024;

    private const int ChunkBytes = 8192;

    // A buffer that grew for one large message is dropped afterwards, so a connection holds at most this much between messages.
    private const int RetainedBufferBytes = 64 * 1024;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly int _maxMessageBytes;
    private ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>Creates a transport.</summary>
    /// <param name="userAgent">Sent as the handshake's User-Agent (the same as REST's); null sends none.</param>
    /// <param name="maxMessageBytes">Largest message accepted; a larger one closes the connection with 1009.</param>
    public WebSocketGatewayTransport(string? userAgent = null, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, ChunkBytes);
        _maxMessageBytes = maxMessageBytes;
        if (!string.IsNullOrEmpty(userAgent))
        {
            _socket.Options.SetRequestHeader("User-Agent", userAgent);
        }
    }

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
        ArrayBufferWriter<byte> buffer = _buffer;
        buffer.ResetWrittenCount();
        try
        {
            while (true)
            {
                Memory<byte> chunk = buffer.GetMemory(ChunkBytes);
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(chunk, cancellationToken)
                    .ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return TransportReceiveResult.Closed(
                        _socket.CloseStatus is { } status ? (int)status : null,
                        _socket.CloseStatusDescription);
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > _maxMessageBytes)
                {
                    // Closing (not just dropping the message) keeps the session resumable and the frame stream in sync.
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken).ConfigureAwait(false);
                    return TransportReceiveResult.Closed((int)WebSocketCloseStatus.MessageTooBig, "message too big");
                }

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
        finally
        {
            if (buffer.Capacity > RetainedBufferBytes)
            {
                _buffer = new ArrayBufferWriter<byte>(ChunkBytes);
            }
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

/// <summary>Creates <see cref="WebSocketGatewayTransport"/> instances with the configured User-Agent and message size limit.</summary>
/// <param name="options">The client options (User-Agent parts, maximum message size).</param>
public sealed class WebSocketGatewayTransportFactory(IOptions<DiscordClientOptions> options) : IGatewayTransportFactory
{
    /// <inheritdoc />
    public IGatewayTransport Create() => new WebSocketGatewayTransport(options.Value.UserAgent, options.Value.MaxGatewayMessageBytes);
}
