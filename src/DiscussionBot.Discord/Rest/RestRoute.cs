namespace DiscussionBot.Discord.Rest;

/// <summary>A REST request's identity for rate limits and logs.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Template">The route with placeholders (safe to log: no tokens).</param>
/// <param name="Path">The actual relative path and query.</param>
/// <param name="MajorParameter">The top-level resource (channel, guild, webhook/interaction id), if any.</param>
/// <param name="InteractionRoute">Interaction callback or webhook-token route: exempt from the global limit, no bot token needed.</param>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string? MajorParameter, bool InteractionRoute = false)
{
    /// <summary>The route as logged, e.g. <c>POST /channels/{channel.id}/messages</c>.</summary>
    public string Display => $"{Method.Method} {Template}";

    /// <summary>Key for the route before Discord names its bucket.</summary>
    public string RouteKey => Display;
}
