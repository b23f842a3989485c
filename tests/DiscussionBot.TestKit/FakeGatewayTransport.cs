using System.Text;
using System.Threading.Channels;
using DiscussionBot.Discord.Transport;

namespace DiscussionBot.TestKit;

/// <summary>
/// A scripted <see cref="IGatewayTransport"/>: tests push server payloads with <see cref="Receive"/> and read what the
/// client sent from <see cref="Sent"/>. Closing echoes a close frame so the client's close handshake completes.
/// </summary>
public sealed class FakeGatewayTransport : IGatewayTransport
{
    private readonly Channel<TransportReceiveResult> _incoming = Channel.CreateUnbounded<TransportReceiveResult>();
    private readonly List<string> _sent = [];
    private readonly Waiter _waiter = new();

    /// <summary>The URI the client connected to.</summary>
    public Uri? ConnectedUri { get; private set; }

    /// <summary>The close code the client sent, if it closed.</summary>
    public int? ClientCloseCode { get; private set; }

    /// <summary>True once disposed.</summary>
    public bool Disposed { get; private set; }

    /// <summary>Payloads the client sent, in order.</summary>
    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Delivers a server payload to the client.</summary>
    public void Receive(string json) => _incoming.Writer.TryWrite(TransportReceiveResult.FromMessage(json));

    /// <summary>The server closes with a code, or drops the socket (null).</summary>
    public void ServerClose(int? code) =>
        _incoming.Writer.TryWrite(code is null ? TransportReceiveResult.Dropped : TransportReceiveResult.Closed(code, null));

    /// <summary>Waits until the client has sent a payload containing <paramref name="fragment"/> (e.g. <c>"op":2</c>).</summary>
    public async Task<string> WaitForSentAsync(string fragment)
    {
        await _waiter.UntilAsync(() => Sent.Any(s => s.Contains(fragment, StringComparison.Ordinal)), $"a payload with {fragment}");
        return Sent.First(s => s.Contains(fragment, StringComparison.Ordinal));
    }

    /// <summary>Waits until the client closed this transport.</summary>
    public Task WaitForCloseAsync() => _waiter.UntilAsync(() => ClientCloseCode is not null, "the client to close");

    /// <inheritdoc />
    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ConnectedUri = uri;
        _waiter.Pulse();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendAsync(ReadOnlyMemory<byte> utf8Text, CancellationToken cancellationToken)
    {
        if (utf8Text.Length > GatewayTransportLimits.MaxPayloadBytes)
        {
            throw new ArgumentException("Payload too large.", nameof(utf8Text));
        }

        lock (_sent)
        {
            _sent.Add(Encoding.UTF8.GetString(utf8Text.Span));
        }

        _waiter.Pulse();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<TransportReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return TransportReceiveResult.Dropped;
        }
    }

    /// <inheritdoc />
    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        ClientCloseCode ??= closeCode;
        _incoming.Writer.TryWrite(TransportReceiveResult.Closed(closeCode, reason));
        _waiter.Pulse();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _incoming.Writer.TryComplete();
        _waiter.Pulse();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Hands out a new <see cref="FakeGatewayTransport"/> per connection and keeps them for assertions.</summary>
public sealed class FakeGatewayTransportFactory : IGatewayTransportFactory
{
    private readonly List<FakeGatewayTransport> _created = [];
    private readonly Waiter _waiter = new();

    /// <summary>Transports created so far, in order.</summary>
    public IReadOnlyList<FakeGatewayTransport> Created
    {
        get
        {
            lock (_created)
            {
                return [.. _created];
            }
        }
    }

    /// <inheritdoc />
    public IGatewayTransport Create()
    {
        var transport = new FakeGatewayTransport();
        lock (_created)
        {
            _created.Add(transport);
        }

        _waiter.Pulse();
        return transport;
    }

    /// <summary>Waits for the <paramref name="number"/>-th transport (1-based) to be created.</summary>
    public async Task<FakeGatewayTransport> WaitForTransportAsync(int number)
    {
        await _waiter.UntilAsync(() => Created.Count >= number, $"transport {number}");
        return Created[number - 1];
    }
}
