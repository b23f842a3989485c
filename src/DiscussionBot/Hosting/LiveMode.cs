using DiscussionBot.Commands.Handlers;
using DiscussionBot.Discord;
using DiscussionBot.Discord.Webhook;
using DiscussionBot.Http;
using DiscussionBot.Live;
using DiscussionBot.Metrics;
using DiscussionBot.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>
/// Runs the bot on Discord until SIGTERM or Ctrl+C (exit code 0) or a fatal error (exit code 1). Interactions come
/// over the gateway (Discord:Mode=Gateway, the default) or to our HTTP endpoint (Http); either way the same
/// dispatcher, responder and router answer them.
/// </summary>
public static class LiveMode
{
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        AddLiveServices(builder.Services, builder.Configuration);
        using IHost host = builder.Build();
        ConfigurationCheck.ThrowIfInvalid(host.Services);
        LiveExit exit = host.Services.GetRequiredService<LiveExit>();
        IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // SIGTERM (systemd stop) while start-up still ran (seeding, warm-up): the host cancelled it. A clean stop,
            // not a crash; a fatal error found before that has already set the exit code.
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or Storage.Sqlite.StoreUnusableException or Storage.Postgres.PostgresStoreUnavailableException or Core.Ingestion.RejectedSourceException))
        {
            // The host logged the details; the operator's terminal gets one line.
            await error.WriteLineAsync($"Error: the bot stopped: {ex.Message}");
            return Cli.ExitCodes.Failure;
        }

        return exit.Code;
    }

    public static void AddLiveServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordClient();
        services.Configure<DiscordClientOptions>(configuration.GetSection("Discord"));
        services.AddOptions<LiveOptions>().Bind(configuration.GetSection(LiveOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>());

        services.Replace(ServiceDescriptor.Singleton<IPinningService, DiscordPinningService>());
        services.AddSingleton<LiveExit>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<AnswerWarmUp>();
        services.AddSingleton<InteractionWorkScheduler>();
        services.AddScoped<InteractionResponder>();
        services.AddSingleton<LiveReadiness>();
        services.AddMetricsExport(configuration);
        AddWebEndpointServices(services, configuration);

        // Started in this order: the web endpoint (health answers during start-up; interactions get 503 until it ends),
        // store and commands, then the gateway and the answers.
        bool http = DeliveryMode(configuration) == InteractionDelivery.Http;
        if (http || ServesHealthInGatewayMode(configuration))
        {
            services.AddSingleton<WebEndpointHostedService>();
            services.AddHostedService(sp => sp.GetRequiredService<WebEndpointHostedService>());
        }

        services.AddHostedService<StartupHostedService>();
        // After start-up (seeding), so documents left without vectors are looked for in the seeded store.
        services.AddBackgroundAnalysis(configuration, hosted: true);
        if (http)
        {
            services.AddSingleton<HttpInteractionQueue>();
            services.AddSingleton<IInteractionSource>(sp => sp.GetRequiredService<HttpInteractionQueue>());
            services.AddSingleton(sp => new InteractionSignatureVerifier(sp.GetRequiredService<IOptions<DiscordClientOptions>>().Value.PublicKey ?? ""));
            services.AddSingleton<InteractionEndpoint>();
        }
        else
        {
            services.AddSingleton<IInteractionSource, GatewayInteractionSource>();
            services.AddHostedService<GatewayHostedService>();
        }

        services.AddHostedService<InteractionDispatchHostedService>();
    }

    private static void AddWebEndpointServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpEndpointOptions>().Bind(configuration.GetSection(HttpEndpointOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpEndpointOptions>, HttpEndpointOptionsValidator>());
        services.AddSingleton<HealthEndpoints>();
    }

    /// <summary>
    /// The mode decides which services exist, so it is read before the host is built. An unreadable value falls back to
    /// Gateway here and is reported by the configuration check (binder error), like every other bad value.
    /// </summary>
    public static InteractionDelivery DeliveryMode(IConfiguration configuration) =>
        Enum.TryParse(configuration["Discord:Mode"], ignoreCase: true, out InteractionDelivery mode) && Enum.IsDefined(mode)
            ? mode
            : InteractionDelivery.Gateway;

    private static bool ServesHealthInGatewayMode(IConfiguration configuration) =>
        bool.TryParse(configuration[$"{HttpEndpointOptions.SectionName}:{nameof(HttpEndpointOptions.HealthInGatewayMode)}"], out bool on) && on;
}
