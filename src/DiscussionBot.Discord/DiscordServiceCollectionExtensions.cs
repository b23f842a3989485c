using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Discord.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord;

/// <summary>Registers the Discord client.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordRestClient"/> (typed HttpClient), <see cref="GatewayClient"/> (singleton), their
    /// seams (transport, reconnect strategy, random source) and <see cref="TimeProvider.System"/> unless already present.
    /// Options are validated at start; the token is checked only when a client is used.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration of <see cref="DiscordClientOptions"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDiscordClient(this IServiceCollection services, Action<DiscordClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<DiscordClientOptions> options = services.AddOptions<DiscordClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordClientOptions>, DiscordClientOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<DiscordMetrics>();
        services.TryAddSingleton<IRandomSource, SystemRandomSource>();
        services.TryAddSingleton<IReconnectStrategy>(sp => new ExponentialReconnectStrategy(sp.GetRequiredService<IRandomSource>()));
        services.TryAddSingleton<IGatewayTransportFactory, WebSocketGatewayTransportFactory>();
        services.TryAddSingleton<RestRateLimiter>();

        services.AddHttpClient<DiscordRestClient>((sp, http) =>
        {
            DiscordClientOptions o = sp.GetRequiredService<IOptions<DiscordClientOptions>>().Value;
            http.BaseAddress = new Uri(o.ApiBaseUrl.EndsWith('/') ? o.ApiBaseUrl : o.ApiBaseUrl + "/");
        })
            // The default HttpClient logging writes request URIs, and interaction URIs carry interaction tokens.
            .RemoveAllLoggers();

        // Singletons (the gateway, and the app's long-lived services) take the factory, never the typed client itself,
        // so each use gets a client on a current handler and the factory's handler rotation still applies.
        services.TryAddSingleton<DiscordRestClientFactory>();
        services.TryAddSingleton<IGatewayBotProvider, FactoryGatewayBotProvider>();
        services.TryAddSingleton<GatewayClient>();
        return services;
    }

    private sealed class FactoryGatewayBotProvider(DiscordRestClientFactory clients) : IGatewayBotProvider
    {
        public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) =>
            clients.Create().GetGatewayBotAsync(cancellationToken);
    }
}
