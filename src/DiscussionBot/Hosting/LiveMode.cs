using DiscussionBot.Commands.Handlers;
using DiscussionBot.Discord;
using DiscussionBot.Live;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>Runs the bot on Discord until SIGTERM or Ctrl+C (exit code 0) or a fatal error (exit code 1).</summary>
public static class LiveMode
{
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter error, CancellationToken cancellationToken)
    {
        AddLiveServices(builder.Services, builder.Configuration);
        using IHost host = builder.Build();
        ConfigurationCheck.ThrowIfInvalid(host.Services);
        LiveExit exit = host.Services.GetRequiredService<LiveExit>();
        try
        {
            await host.RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or Storage.Sqlite.StoreUnusableException or Core.Ingestion.RejectedSourceException))
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

        // Started in this order: store and commands first, then the gateway and the answers.
        services.AddHostedService<StartupHostedService>();
        services.AddHostedService<GatewayHostedService>();
        services.AddHostedService<InteractionDispatchHostedService>();
    }
}
