using System.Diagnostics.Metrics;

namespace DiscussionBot.Discord;

/// <summary>
/// The Discord client's instruments (meter <see cref="MeterName"/>): waits imposed by rate limits, 429 responses, and
/// gateway reconnects. Recorded where the client logs the same events; exported only when the app turns metrics on.
/// </summary>
public sealed class DiscordMetrics
{
    /// <summary>The meter's name, for exporters and listeners.</summary>
    public const string MeterName = "DiscussionBot.Discord";

    private readonly Counter<long> _rateLimitWaits;
    private readonly Histogram<double> _rateLimitWaitSeconds;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _reconnects;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/> (one per container, so hosts in one process stay apart).</summary>
    public DiscordMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter meter = meters.Create(MeterName);
        _rateLimitWaits = meter.CreateCounter<long>("discussionbot.discord.rest.rate_limit_waits", "{wait}", "Requests held back by a rate limit before sending");
        _rateLimitWaitSeconds = meter.CreateHistogram<double>("discussionbot.discord.rest.rate_limit_wait.duration", "s", "How long requests were held back by a rate limit");
        _rateLimited = meter.CreateCounter<long>("discussionbot.discord.rest.rate_limited", "{response}", "429 responses from Discord");
        _reconnects = meter.CreateCounter<long>("discussionbot.discord.gateway.reconnects", "{reconnect}", "Gateway reconnections after a close or failure");
    }

    /// <summary>A request waited <paramref name="wait"/> for a limit (<c>bucket</c> or <c>global</c>).</summary>
    internal void RateLimitWait(string limit, TimeSpan wait)
    {
        var tag = new KeyValuePair<string, object?>("limit", limit);
        _rateLimitWaits.Add(1, tag);
        _rateLimitWaitSeconds.Record(wait.TotalSeconds, tag);
    }

    /// <summary>Discord answered 429 with this <c>X-RateLimit-Scope</c>.</summary>
    internal void RateLimited(string scope) => _rateLimited.Add(1, new KeyValuePair<string, object?>("scope", scope));

    /// <summary>The gateway is reconnecting to <paramref name="action"/> (resume or identify).</summary>
    internal void Reconnect(string action) => _reconnects.Add(1, new KeyValuePair<string, object?>("action", action));
}
