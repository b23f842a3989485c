namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>A REST request the fake server received. <see cref="Path"/> is relative to <c>/api/v10</c>, e.g. <c>/channels/1/messages</c>.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    /// <summary>A header's value, or null (case-insensitive name).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}

/// <summary>A gateway payload the fake server received from the client.</summary>
/// <param name="ConnectionId">1 for the first connection, then 2, 3, …</param>
/// <param name="Op">The opcode.</param>
/// <param name="Json">The raw payload.</param>
public sealed record GatewayFrame(int ConnectionId, int Op, string Json);

/// <summary>One WebSocket connection to the fake gateway.</summary>
public sealed class GatewayConnectionRecord
{
    /// <summary>1-based connection number.</summary>
    public int Id { get; init; }

    /// <summary>The request path: <c>/gateway</c> for new sessions, <c>/resume</c> for the resume URL.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The query string, e.g. <c>?v=10&amp;encoding=json</c>.</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>The User-Agent the client sent in the WebSocket handshake, if any.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The close code the client sent, if it closed the socket.</summary>
    public int? ClientCloseCode { get; internal set; }

    /// <summary>True once the connection is over.</summary>
    public bool Ended { get; internal set; }
}

/// <summary>A canned REST response for <see cref="FakeRest.Enqueue(string, string, FakeResponse)"/>.</summary>
public sealed record FakeResponse
{
    /// <summary>The status code; ignored when <see cref="PassThrough"/>.</summary>
    public int Status { get; init; } = 200;

    /// <summary>The JSON body, if any.</summary>
    public string? Body { get; init; }

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Answer normally, only adding <see cref="Headers"/>.</summary>
    public bool PassThrough { get; init; }

    /// <summary>A 429 with the headers and body Discord documents.</summary>
    public static FakeResponse RateLimited(double retryAfterSeconds, string scope = "user", string bucket = "abcd1234")
    {
        bool global = scope == "global";
        string retry = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = scope,
        };
        if (global)
        {
            headers["X-RateLimit-Global"] = "true";
        }
        else
        {
            headers["X-RateLimit-Limit"] = "10";
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Reset-After"] = retry;
            headers["X-RateLimit-Bucket"] = bucket;
        }

        return new FakeResponse
        {
            Status = 429,
            Headers = headers,
            Body = $$"""{"message":"You are being rate limited.","retry_after":{{retry}},"global":{{(global ? "true" : "false")}}}""",
        };
    }

    /// <summary>A server error (e.g. 502 Bad Gateway) with no Discord body.</summary>
    public static FakeResponse ServerError(int status = 502) => new() { Status = status, Body = null };

    /// <summary>A Discord error body <c>{code, message, errors?}</c>.</summary>
    public static FakeResponse Error(int status, int code, string message, string? errorsJson = null) => new()
    {
        Status = status,
        Body = errorsJson is null
            ? $$"""{"code":{{code}},"message":"{{message}}"}"""
            : $$"""{"code":{{code}},"errors":{{errorsJson}},"message":"{{message}}"}""",
    };

    /// <summary>The normal answer plus rate-limit headers for the given bucket state.</summary>
    public static FakeResponse WithBucket(string bucket, int remaining, double resetAfterSeconds, int limit = 5) => new()
    {
        PassThrough = true,
        Headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Bucket"] = bucket,
            ["X-RateLimit-Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Remaining"] = remaining.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Reset-After"] = resetAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
