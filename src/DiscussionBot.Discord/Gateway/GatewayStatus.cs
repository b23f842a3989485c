namespace DiscussionBot.Discord.Gateway;

/// <summary>The state of the gateway connection, owned by <see cref="GatewayClient.RunAsync"/>.</summary>
public enum GatewayStatus
{
    /// <summary>Not running.</summary>
    Offline,

    /// <summary>Opening a socket.</summary>
    Connecting,

    /// <summary>Sent (or about to send) IDENTIFY; waiting for READY.</summary>
    Identifying,

    /// <summary>Sent (or about to send) RESUME; waiting for RESUMED.</summary>
    Resuming,

    /// <summary>READY or RESUMED received: events flow.</summary>
    Ready,

    /// <summary>The connection ended; waiting before reconnecting.</summary>
    Reconnecting,

    /// <summary>Stopped on a fatal close code; will not reconnect.</summary>
    Faulted,
}
