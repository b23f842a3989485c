namespace DiscussionBot.Discord.Rest;

/// <summary>A REST request's identity for rate limits, retries and logs.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The route with placeholders (safe to log: no tokens).</param>
/// <param name="Path">The actual relative path and query.</param>
/// <param name="MajorParameter">The top-level resource (channel, guild, webhook/interaction id), if any.</param>
/// <param name="InteractionRoute">Interaction callback or webhook-token route: exempt from the global limit, no bot token needed.</param>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string? MajorParameter, bool InteractionRoute = false)
{
    /// <summary>
    /// True when sending the request twice has the effect of sending it once, so a 5xx (after which the first attempt
    /// may or may not have taken effect) can be retried. By default the idempotent HTTP methods (RFC 9110 §9.2.2);
    /// a POST that creates a message is never repeated, or a retried post could leave a duplicate in the channel.
    /// </summary>
    public bool SafeToRepeat { get; init; } = Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put ||
        Method == HttpMethod.Delete || Method == HttpMethod.Options;

    /// <summary>A <see cref="TimeProvider"/> timestamp after which a retry is pointless (an interaction's response window); null for none.</summary>
    public long? RetryDeadline { get; init; }

    /// <summary>The route as logged, e.g. <c>POST /channels/{channel.id}/messages</c>.</summary>
    public string Display => $"{Method.Method} {Template}";

    /// <summary>Key for the route before Discord names its bucket.</summary>
    public string RouteKey => Display;
}
