namespace DiscussionBot.Discord.Transport;

/// <summary>
/// One WebSocket connection to the gateway: opens, sends and receives whole text frames, closes.
/// It knows nothing of the gateway protocol. A transport is used for one connection only.
/// </summary>
public interface IGatewayTransport : IAsyncDisposable
{
    /// <summary>Opens the connection.</summary>
    /// <param name="uri">The gateway URL, query included.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one UTF-8 text frame of at most <see cref="GatewayTransportLimits.MaxPayloadBytes"/> bytes.</summary>
    /// <param name="utf8Text">The payload.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="ArgumentException">The payload is larger than the gateway accepts.</exception>
    Task SendAsync(ReadOnlyMemory<byte> utf8Text, CancellationToken cancellationToken);

    /// <summary>Waits for the next whole text message, or for the connection to end.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A message, or a close (with the peer's close code, or none when the socket dropped).</returns>
    Task<TransportReceiveResult> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Closes the connection with the given close code, without waiting long for the peer.</summary>
    /// <param name="closeCode">1000 ends the Discord session; any other code keeps it resumable.</param>
    /// <param name="reason">A short reason.</param>
    /// <param name="cancellationToken">Cancels the close handshake (the socket is then aborted).</param>
    Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken);
}

/// <summary>Creates a fresh transport for each gateway connection.</summary>
public interface IGatewayTransportFactory
{
    /// <summary>A new, unconnected transport.</summary>
    IGatewayTransport Create();
}

/// <summary>Limits that the transport enforces.</summary>
public static class GatewayTransportLimits
{
    /// <summary>Largest payload the gateway accepts from a client (close 4002 beyond).</summary>
    public const int MaxPayloadBytes = 4096;
}

/// <summary>The outcome of <see cref="IGatewayTransport.ReceiveAsync"/>.</summary>
/// <param name="Message">The text message; null when the connection ended.</param>
/// <param name="CloseCode">The peer's close code; null when the socket dropped without one.</param>
/// <param name="CloseReason">The peer's close description, if any.</param>
public sealed record TransportReceiveResult(string? Message, int? CloseCode, string? CloseReason)
{
    /// <summary>True when the connection has ended (closed or dropped).</summary>
    public bool IsClosed => Message is null;

    /// <summary>A received text message.</summary>
    public static TransportReceiveResult FromMessage(string message) => new(message, null, null);

    /// <summary>The peer closed the connection with a code.</summary>
    public static TransportReceiveResult Closed(int? code, string? reason) => new(null, code, reason);

    /// <summary>The socket dropped without a close frame.</summary>
    public static TransportReceiveResult Dropped { get; } = new(null, null, null);
}
