using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Discord.Rest;

/// <summary>
/// Hands out <see cref="DiscordRestClient"/> instances for singletons. The typed client is transient: its HttpClient comes
/// from IHttpClientFactory, whose pooled handlers are recycled (DNS changes, connection lifetime) only for clients created
/// after the recycle, so a singleton must create a client per operation instead of holding one for the process's life.
/// Rate-limit state is shared (<see cref="RestRateLimiter"/> is a singleton), so short-lived clients lose nothing.
/// </summary>
/// <param name="services">The root service provider.</param>
public sealed class DiscordRestClientFactory(IServiceProvider services)
{
    /// <summary>A client on a current handler; use it for one operation and let it go.</summary>
    public DiscordRestClient Create() => services.GetRequiredService<DiscordRestClient>();
}
