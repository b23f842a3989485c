namespace DiscussionBot.Discord.Gateway;

/// <summary>What the client does after the connection ends.</summary>
public enum CloseAction
{
    /// <summary>Reconnect to <c>resume_gateway_url</c> and RESUME.</summary>
    Resume,

    /// <summary>Reconnect to the gateway URL and IDENTIFY a new session.</summary>
    NewSession,

    /// <summary>Stop: reconnecting cannot help.</summary>
    Fatal,
}

/// <summary>The one table of gateway close codes and what each one means for the client.</summary>
public static class GatewayCloseCodes
{
    /// <summary>Normal closure: ends the session.</summary>
    public const int Normal = 1000;

    /// <summary>Close code this client uses when it reconnects on its own (zombie, op 7): keeps the session resumable.</summary>
    public const int ClientReconnect = 4000;

    /// <summary>Authentication failed (bad token).</summary>
    public const int AuthenticationFailed = 4004;

    private static readonly Dictionary<int, (CloseAction Action, string Meaning)> Table = new()
    {
        [4000] = (CloseAction.Resume, "unknown error"),
        [4001] = (CloseAction.Resume, "unknown opcode"),
        [4002] = (CloseAction.Resume, "decode error"),
        [4003] = (CloseAction.NewSession, "not authenticated"),
        [4004] = (CloseAction.Fatal, "Discord rejected the bot token"),
        [4005] = (CloseAction.Resume, "already authenticated"),
        [4007] = (CloseAction.NewSession, "invalid sequence on resume"),
        [4008] = (CloseAction.Resume, "rate limited"),
        [4009] = (CloseAction.NewSession, "session timed out"),
        [4010] = (CloseAction.Fatal, "invalid shard"),
        [4011] = (CloseAction.Fatal, "sharding required"),
        [4012] = (CloseAction.Fatal, "invalid API version"),
        [4013] = (CloseAction.Fatal, "invalid intents"),
        [4014] = (CloseAction.Fatal, "disallowed intents (privileged intent not enabled)"),
    };

    /// <summary>Classifies a close code; null (a dropped socket) and unknown codes resume.</summary>
    /// <param name="closeCode">The server's close code, or null when the socket dropped.</param>
    public static CloseAction Classify(int? closeCode) => closeCode switch
    {
        null => CloseAction.Resume,
        // 1000/1001 from the server: the session is over.
        1000 or 1001 => CloseAction.NewSession,
        { } code when Table.TryGetValue(code, out var entry) => entry.Action,
        _ => CloseAction.Resume,
    };

    /// <summary>
    /// The code to answer a server's close frame with: the server's own code when it may be sent by a client
    /// (1000, 1001, 3000–4999), otherwise <see cref="ClientReconnect"/> so the session stays resumable.
    /// </summary>
    /// <param name="serverCode">The server's close code, if any.</param>
    public static int EchoCode(int? serverCode) => serverCode switch
    {
        1000 or 1001 => serverCode.Value,
        >= 3000 and <= 4999 => serverCode.Value,
        _ => ClientReconnect,
    };

    /// <summary>A short human description of a close code.</summary>
    /// <param name="closeCode">The close code, or null when the socket dropped.</param>
    public static string Describe(int? closeCode) => closeCode switch
    {
        null => "connection dropped",
        { } code when Table.TryGetValue(code, out var entry) => entry.Meaning,
        { } code => $"close code {code}",
    };
}

/// <summary>The gateway closed with a code that makes reconnecting pointless (e.g. a bad token).</summary>
public sealed class GatewayFatalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayFatalException()
        : this(0)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public GatewayFatalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GatewayFatalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a close code.</summary>
    /// <param name="closeCode">The fatal close code.</param>
    public GatewayFatalException(int closeCode)
        : base($"{GatewayCloseCodes.Describe(closeCode)} (close {closeCode})")
    {
        CloseCode = closeCode;
    }

    /// <summary>The gateway close code.</summary>
    public int CloseCode { get; }
}
