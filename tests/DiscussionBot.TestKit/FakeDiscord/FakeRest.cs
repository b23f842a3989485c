using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>
/// The fake REST API under <c>/api/v10</c>: gateway/bot, applications/@me, interaction callbacks, @original,
/// follow-ups, command bulk overwrite, channel messages and pins (error 30003 at 250). Records every request and
/// answers from one-shot overrides first (429s, 5xx, errors, rate-limit headers).
/// </summary>
public sealed class FakeRest
{
    private readonly FakeDiscordServer _server;
    private readonly Lock _lock = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<RecordedRequest, bool> Match, FakeResponse Response)> _overrides = [];
    private readonly HashSet<string> _acknowledged = [];
    private readonly Dictionary<string, JsonObject> _originals = [];
    private readonly Dictionary<string, JsonArray> _commands = [];
    private readonly Dictionary<string, HashSet<string>> _pins = [];
    private readonly Waiter _waiter = new();
    private long _nextId = 900000000000000000;

    internal FakeRest(FakeDiscordServer server) => _server = server;

    /// <summary>When set, requests needing a bot token must carry <c>Authorization: Bot {AcceptedToken}</c>, or get 401.</summary>
    public string? AcceptedToken { get; set; }

    /// <summary>The <c>session_start_limit.remaining</c> reported by <c>/gateway/bot</c>.</summary>
    public int SessionStartRemaining { get; set; } = 999;

    /// <summary>The <c>session_start_limit.max_concurrency</c> reported by <c>/gateway/bot</c>.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Raised for every request as it arrives, before it is answered (on a server thread; keep handlers short).</summary>
    public event Action<RecordedRequest>? RequestReceived;

    /// <summary>Every request, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Messages created with <c>POST /channels/{id}/messages</c>, as JSON.</summary>
    public List<JsonObject> ChannelMessages { get; } = [];

    /// <summary>Interaction tokens whose original response was deleted.</summary>
    public List<string> DeletedOriginals { get; } = [];

    /// <summary>How many messages are pinned in a channel.</summary>
    public int PinCount(ulong channelId)
    {
        lock (_lock)
        {
            return _pins.TryGetValue(channelId.ToString(CultureInfo.InvariantCulture), out var pins) ? pins.Count : 0;
        }
    }

    /// <summary>Sets a channel's pin count (to test the 250 limit).</summary>
    public void SetPinCount(ulong channelId, int count)
    {
        lock (_lock)
        {
            _pins[channelId.ToString(CultureInfo.InvariantCulture)] = [.. Enumerable.Range(0, count).Select(i => $"pre-{i}")];
        }
    }

    /// <summary>The <c>@original</c> response of an interaction token, if any.</summary>
    public JsonObject? OriginalResponse(string interactionToken)
    {
        lock (_lock)
        {
            return _originals.TryGetValue(interactionToken, out JsonObject? message) ? message : null;
        }
    }

    /// <summary>Answers the next request matching <paramref name="method"/> and a path containing <paramref name="pathContains"/> with <paramref name="response"/>.</summary>
    public void Enqueue(string method, string pathContains, FakeResponse response) =>
        Enqueue(r => r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal), response);

    /// <summary>Answers the next request matching <paramref name="match"/> with <paramref name="response"/>.</summary>
    public void Enqueue(Func<RecordedRequest, bool> match, FakeResponse response)
    {
        lock (_lock)
        {
            _overrides.Add((match, response));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests match.</summary>
    public async Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        await _waiter.UntilAsync(() => Requests.Count(match) >= count, $"{count} matching request(s)", timeout);
        return Requests.Where(match).ElementAt(count - 1);
    }

    internal async Task HandleAsync(HttpContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.Body))
        {
            body = await reader.ReadToEndAsync();
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        string path = (context.Request.Path.Value ?? string.Empty)["/api/v10".Length..];
        var request = new RecordedRequest(context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty, headers, body);
        FakeResponse? canned = null;
        lock (_lock)
        {
            _requests.Add(request);
            int index = _overrides.FindIndex(o => o.Match(request));
            if (index >= 0)
            {
                canned = _overrides[index].Response;
                _overrides.RemoveAt(index);
            }
        }

        RequestReceived?.Invoke(request);
        try
        {
            if (canned is not null)
            {
                foreach ((string name, string value) in canned.Headers)
                {
                    context.Response.Headers[name] = value;
                }

                if (!canned.PassThrough)
                {
                    await WriteAsync(context, canned.Status, canned.Body);
                    return;
                }
            }

            (int status, string? json) = Route(request);
            await WriteAsync(context, status, json);
        }
        finally
        {
            _waiter.Pulse();
        }
    }

    private (int Status, string? Json) Route(RecordedRequest request)
    {
        string[] s = request.Path.Trim('/').Split('/');
        bool needsBot = s[0] is not ("interactions" or "webhooks");
        if (needsBot && AcceptedToken is not null && request.Header("Authorization") != "Bot " + AcceptedToken)
        {
            return (401, """{"message":"401: Unauthorized","code":0}""");
        }

        lock (_lock)
        {
            switch (request.Method, s)
            {
                case ("GET", ["gateway", "bot"]):
                    return (200, new JsonObject
                    {
                        ["url"] = _server.GatewayUrl.ToString(),
                        ["shards"] = 1,
                        ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = SessionStartRemaining, ["reset_after"] = 14400000, ["max_concurrency"] = MaxConcurrency },
                    }.ToJsonString());

                case ("GET", ["applications", "@me"]):
                    return (200, new JsonObject { ["id"] = _server.ApplicationId.ToString(), ["name"] = "fakebot" }.ToJsonString());

                case ("POST", ["interactions", var id, var token, "callback"]):
                    if (!_acknowledged.Add(id))
                    {
                        return (400, """{"message":"Interaction has already been acknowledged.","code":40060}""");
                    }

                    JsonNode? callback = JsonNode.Parse(request.Body);
                    int type = callback?["type"]?.GetValue<int>() ?? 0;
                    JsonObject original = Message(null, callback?["data"]?["content"]?.GetValue<string>());
                    if (type is 4 or 5)
                    {
                        _originals[token] = original;
                    }

                    return request.Query.Contains("with_response=true", StringComparison.Ordinal)
                        ? (200, new JsonObject
                        {
                            ["interaction"] = new JsonObject { ["id"] = id, ["type"] = 2, ["response_message_id"] = original["id"]!.DeepClone(), ["response_message_loading"] = type == 5 },
                            ["resource"] = new JsonObject { ["type"] = type, ["message"] = original.DeepClone() },
                        }.ToJsonString())
                        : (204, null);

                case ("GET", ["webhooks", _, var token, "messages", "@original"]):
                    return _originals.TryGetValue(token, out JsonObject? found)
                        ? (200, found.ToJsonString())
                        : (404, """{"message":"Unknown Message","code":10008}""");

                case ("PATCH", ["webhooks", _, var token, "messages", "@original"]):
                    if (!_originals.TryGetValue(token, out JsonObject? existing))
                    {
                        return (404, """{"message":"Unknown Message","code":10008}""");
                    }

                    existing["content"] = JsonNode.Parse(request.Body)?["content"]?.DeepClone();
                    return (200, existing.ToJsonString());

                case ("DELETE", ["webhooks", _, var deletedToken, "messages", "@original"]):
                    DeletedOriginals.Add(deletedToken);
                    return (204, null);

                case ("DELETE", ["channels", _, "messages", var deletedMessage]):
                    int removed = ChannelMessages.RemoveAll(m => m["id"]?.GetValue<string>() == deletedMessage);
                    return removed > 0 ? (204, null) : (404, """{"message":"Unknown Message","code":10008}""");

                case ("POST", ["webhooks", _, _]):
                    return (200, Message(null, JsonNode.Parse(request.Body)?["content"]?.GetValue<string>()).ToJsonString());

                case ("PUT", ["applications", _, "commands"]):
                case ("PUT", ["applications", _, "guilds", _, "commands"]):
                    var commands = (JsonArray)JsonNode.Parse(request.Body)!;
                    foreach (JsonNode? command in commands)
                    {
                        command!["id"] = NextId();
                        command["application_id"] = _server.ApplicationId.ToString();
                    }

                    _commands[request.Path] = commands;
                    return (200, commands.ToJsonString());

                case ("GET", ["applications", _, "commands"]):
                case ("GET", ["applications", _, "guilds", _, "commands"]):
                    return (200, _commands.TryGetValue(request.Path, out JsonArray? list) ? list.ToJsonString() : "[]");

                case ("POST", ["channels", var channel, "messages"]):
                    JsonObject created = Message(channel, JsonNode.Parse(request.Body)?["content"]?.GetValue<string>());
                    ChannelMessages.Add(created);
                    return (200, created.ToJsonString());

                case ("PUT", ["channels", var channel, "messages", "pins", var message]):
                    HashSet<string> pins = _pins.TryGetValue(channel, out var p) ? p : _pins[channel] = [];
                    if (pins.Contains(message))
                    {
                        return (204, null);
                    }

                    if (pins.Count >= 250)
                    {
                        return (400, """{"message":"Maximum number of pins reached (250)","code":30003}""");
                    }

                    pins.Add(message);
                    return (204, null);

                case ("DELETE", ["channels", var channel, "messages", "pins", var message]):
                    if (_pins.TryGetValue(channel, out var current))
                    {
                        current.Remove(message);
                    }

                    return (204, null);

                default:
                    return (404, """{"message":"404: Not Found","code":0}""");
            }
        }
    }

    private JsonObject Message(string? channelId, string? content) => new()
    {
        ["id"] = NextId(),
        ["channel_id"] = channelId ?? "100000000000000100",
        ["content"] = content ?? string.Empty,
        ["author"] = new JsonObject { ["id"] = _server.ApplicationId.ToString(), ["username"] = "fakebot", ["bot"] = true },
    };

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpContext context, int status, string? json)
    {
        context.Response.StatusCode = status;
        if (json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }
}
