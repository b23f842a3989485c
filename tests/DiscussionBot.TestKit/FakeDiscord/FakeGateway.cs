using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscussionBot.Discord.Models;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>
/// The fake gateway: a real WebSocket endpoint speaking Discord's v10 JSON protocol. It sends HELLO, answers
/// IDENTIFY with READY and RESUME with the missed events then RESUMED, ACKs heartbeats (unless told not to), and lets
/// tests dispatch interactions and send op 7 / op 9 / op 1, close with a code or drop the socket.
/// </summary>
public sealed class FakeGateway
{
    private readonly FakeDiscordServer _server;
    private readonly SemaphoreSlim _sessionLock = new(1, 1);
    private readonly List<GatewayFrame> _frames = [];
    private readonly List<GatewayConnectionRecord> _connections = [];
    private readonly List<(long Seq, string Json)> _events = [];
    private readonly Waiter _waiter = new();
    private Connection? _current;
    private long _sequence;
    private int _sessionCount;

    internal FakeGateway(FakeDiscordServer server) => _server = server;

    /// <summary>The heartbeat interval sent in HELLO, in milliseconds.</summary>
    public int HeartbeatIntervalMs { get; set; } = 45000;

    /// <summary>When false, heartbeats get no ACK (to provoke zombie detection).</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>When set, IDENTIFY/RESUME with another token is closed with 4004.</summary>
    public string? AcceptedToken { get; set; }

    /// <summary>When set, every new connection is closed at once with this code (before HELLO), to provoke failing reconnects.</summary>
    public int? RejectConnectionsWith { get; set; }

    /// <summary>The current session id, once IDENTIFY succeeded.</summary>
    public string? SessionId { get; private set; }

    /// <summary>Everything the client sent, in order.</summary>
    public IReadOnlyList<GatewayFrame> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    /// <summary>Every connection, in order.</summary>
    public IReadOnlyList<GatewayConnectionRecord> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>Frames with the given opcode.</summary>
    public IReadOnlyList<GatewayFrame> FramesWithOp(int op) => Frames.Where(f => f.Op == op).ToList();

    /// <summary>Waits until the client has sent at least <paramref name="count"/> frames with opcode <paramref name="op"/>; returns the last.</summary>
    public async Task<GatewayFrame> WaitForFrameAsync(int op, int count = 1, TimeSpan? timeout = null)
    {
        await _waiter.UntilAsync(() => FramesWithOp(op).Count >= count, $"{count} frame(s) with op {op}", timeout);
        return FramesWithOp(op)[count - 1];
    }

    /// <summary>Waits until the condition on this gateway holds (a failure guard, not a sleep).</summary>
    public Task WaitUntilAsync(Func<FakeGateway, bool> condition, string what, TimeSpan? timeout = null) =>
        _waiter.UntilAsync(() => condition(this), what, timeout);

    /// <summary>Dispatches INTERACTION_CREATE with the next sequence number. While the client is away the event is kept and replayed on RESUME.</summary>
    public Task<long> SendInteractionAsync(Interaction interaction) =>
        SendDispatchAsync("INTERACTION_CREATE", JsonSerializer.SerializeToNode(interaction, DiscordJsonContext.Default.Interaction)!);

    /// <summary>Dispatches any event with the next sequence number (kept for replay).</summary>
    public async Task<long> SendDispatchAsync(string eventName, JsonNode data)
    {
        await _sessionLock.WaitAsync();
        try
        {
            long seq = ++_sequence;
            string json = Envelope(0, data, seq, eventName);
            _events.Add((seq, json));
            if (_current is { Ready: true } connection)
            {
                try
                {
                    await connection.SendAsync(json);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
                {
                    // The client is going away: the event stays in the log and is replayed on RESUME.
                    connection.Ready = false;
                }
            }

            return seq;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    /// <summary>Sends op 7 RECONNECT.</summary>
    public Task SendReconnectAsync() => SendToCurrentAsync(Envelope(7, null));

    /// <summary>Sends op 9 INVALID_SESSION; <paramref name="resumable"/> is its <c>d</c>.</summary>
    public async Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable)
        {
            SessionId = null;
        }

        await SendToCurrentAsync(Envelope(9, JsonValue.Create(resumable)));
    }

    /// <summary>Sends op 1: the client must heartbeat at once.</summary>
    public Task RequestHeartbeatAsync() => SendToCurrentAsync(Envelope(1, null));

    /// <summary>Closes the current connection with a close code (e.g. 4000, 4004, 4009).</summary>
    public async Task CloseAsync(int closeCode, string reason = "")
    {
        Connection connection = _current ?? throw new InvalidOperationException("No client is connected.");
        connection.Ready = false;
        await connection.SendLock.WaitAsync();
        try
        {
            await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, CancellationToken.None);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame.</summary>
    public void Drop()
    {
        Connection connection = _current ?? throw new InvalidOperationException("No client is connected.");
        connection.Ready = false;
        connection.Context.Abort();
    }

    internal async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        var record = new GatewayConnectionRecord
        {
            Id = Connections.Count + 1,
            Path = context.Request.Path.Value ?? string.Empty,
            Query = context.Request.QueryString.Value ?? string.Empty,
            UserAgent = context.Request.Headers.UserAgent.Count > 0 ? context.Request.Headers.UserAgent.ToString() : null,
        };
        var connection = new Connection(socket, context, record);
        lock (_connections)
        {
            _connections.Add(record);
        }

        _current = connection;
        _waiter.Pulse();
        try
        {
            if (RejectConnectionsWith is { } rejectCode)
            {
                connection.Ready = false;
                await socket.CloseOutputAsync((WebSocketCloseStatus)rejectCode, "rejected", CancellationToken.None);
                await ReceiveLoopAsync(connection, context.RequestAborted);
                return;
            }

            await connection.SendAsync(Envelope(10, new JsonObject { ["heartbeat_interval"] = HeartbeatIntervalMs }));
            await ReceiveLoopAsync(connection, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ConnectionAbortedException)
        {
            // Dropped.
        }
        finally
        {
            connection.Ready = false;
            record.Ended = true;
            if (ReferenceEquals(_current, connection))
            {
                _current = null;
            }

            _waiter.Pulse();
        }
    }

    private async Task ReceiveLoopAsync(Connection connection, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        while (true)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                result = await connection.Socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    connection.Ready = false;
                    connection.Record.ClientCloseCode = (int?)result.CloseStatus;
                    _waiter.Pulse();
                    if (connection.Socket.State == WebSocketState.CloseReceived)
                    {
                        await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, CancellationToken.None);
                    }

                    return;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);

            string json = Encoding.UTF8.GetString(message.ToArray());
            JsonNode? payload = JsonNode.Parse(json);
            int op = payload?["op"]?.GetValue<int>() ?? -1;
            lock (_frames)
            {
                _frames.Add(new GatewayFrame(connection.Record.Id, op, json));
            }

            switch (op)
            {
                case 1:
                    if (AcknowledgeHeartbeats)
                    {
                        await connection.SendAsync(Envelope(11, null));
                    }

                    break;
                case 2:
                    await IdentifyAsync(connection, payload!["d"]!);
                    break;
                case 6:
                    await ResumeAsync(connection, payload!["d"]!);
                    break;
                default:
                    break;
            }

            _waiter.Pulse();
        }
    }

    private async Task IdentifyAsync(Connection connection, JsonNode data)
    {
        if (!TokenAccepted(data))
        {
            await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)4004, "Authentication failed.", CancellationToken.None);
            return;
        }

        await _sessionLock.WaitAsync();
        try
        {
            SessionId = $"fake-session-{++_sessionCount}";
            _events.Clear();
            _sequence = 0;
            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = _server.ApplicationId.ToString(), ["username"] = "fakebot", ["bot"] = true },
                ["guilds"] = new JsonArray(),
                ["session_id"] = SessionId,
                ["resume_gateway_url"] = _server.ResumeGatewayUrl.ToString(),
                ["shard"] = data["shard"]?.DeepClone() ?? new JsonArray(0, 1),
                ["application"] = new JsonObject { ["id"] = _server.ApplicationId.ToString(), ["flags"] = 0 },
            };
            await connection.SendAsync(Envelope(0, ready, ++_sequence, "READY"));
            connection.Ready = true;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    private async Task ResumeAsync(Connection connection, JsonNode data)
    {
        if (!TokenAccepted(data))
        {
            await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)4004, "Authentication failed.", CancellationToken.None);
            return;
        }

        await _sessionLock.WaitAsync();
        try
        {
            string? sessionId = data["session_id"]?.GetValue<string>();
            long? seq = data["seq"]?.GetValue<long>();
            if (SessionId is null || sessionId != SessionId)
            {
                await connection.SendAsync(Envelope(9, JsonValue.Create(false)));
                return;
            }

            if (seq > _sequence)
            {
                await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)4007, "Invalid seq.", CancellationToken.None);
                return;
            }

            foreach ((long eventSeq, string json) in _events.Where(e => e.Seq > (seq ?? 0)))
            {
                await connection.SendAsync(json);
            }

            await connection.SendAsync(Envelope(0, new JsonObject(), ++_sequence, "RESUMED"));
            connection.Ready = true;
        }
        finally
        {
            _sessionLock.Release();
        }
    }

    private bool TokenAccepted(JsonNode data) =>
        AcceptedToken is null || data["token"]?.GetValue<string>() == AcceptedToken;

    private async Task SendToCurrentAsync(string json)
    {
        Connection connection = _current ?? throw new InvalidOperationException("No client is connected.");
        await connection.SendAsync(json);
    }

    private static string Envelope(int op, JsonNode? data, long? seq = null, string? eventName = null) =>
        new JsonObject
        {
            ["op"] = op,
            ["d"] = data,
            ["s"] = seq,
            ["t"] = eventName,
        }.ToJsonString();

    private sealed class Connection(WebSocket socket, HttpContext context, GatewayConnectionRecord record)
    {
        public WebSocket Socket { get; } = socket;

        public HttpContext Context { get; } = context;

        public GatewayConnectionRecord Record { get; } = record;

        public SemaphoreSlim SendLock { get; } = new(1, 1);

        public bool Ready { get; set; }

        public async Task SendAsync(string json)
        {
            await SendLock.WaitAsync();
            try
            {
                await Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                SendLock.Release();
            }
        }
    }
}
