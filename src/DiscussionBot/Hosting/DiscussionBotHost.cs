using DiscussionBot.Commands;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Formats;
using DiscussionBot.LocalConsole;
using DiscussionBot.Metrics;
using DiscussionBot.Sources;
using DiscussionBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>The composition root: configuration, logging and every project's services.</summary>
public static class DiscussionBotHost
{
    /// <param name="interactive">Console and one-shot verbs log only warnings, and only to stderr, so stdout stays the bot's answers.</param>
    public static HostApplicationBuilder CreateBuilder(bool interactive, Action<IConfigurationBuilder>? configure = null)
    {
        HostApplicationBuilder builder = CreateBuilder(configure);
        UseLogging(builder, interactive);
        return builder;
    }

    /// <summary>Configuration and services; logging is added by <see cref="UseLogging"/> once the mode is known.</summary>
    public static HostApplicationBuilder CreateBuilder(Action<IConfigurationBuilder>? configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });

        // Later sources win: defaults, then the developer's user secrets (`dotnet user-secrets set Discord:Token ...`,
        // loaded in every environment since the project has a UserSecretsId; the file exists only where someone set
        // one), then environment variables, which is how servers and containers configure the bot.
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{builder.Environment.EnvironmentName}.json", optional: true, reloadOnChange: false)
            .AddUserSecrets(typeof(DiscussionBotHost).Assembly, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        configure?.Invoke(builder.Configuration);
        AddServices(builder.Services, builder.Configuration);
        return builder;
    }

    /// <param name="interactive">Console and one-shot verbs log only warnings, and only to stderr, so stdout stays the bot's answers.</param>
    public static void UseLogging(HostApplicationBuilder builder, bool interactive)
    {
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.TimestampFormat = "HH:mm:ss ";
            options.IncludeScopes = !interactive;
        });
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        if (interactive)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter((category, level) => level >= LogLevel.Warning);
        }
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        StoreSelection.AddStore(services, configuration);
        services.Configure<SeedOptions>(configuration.GetSection(StoreOptions.SectionName));

        EngineRegistration.AddAnswerEngine(services, configuration);

        services.AddSourceFormats();
        services.AddSingleton<SourceFileReader>();
        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value);
        services.AddSingleton<IngestionService>();
        AddGuildSources(services, configuration);
        services.AddSingleton<StoreBootstrapper>();
        services.AddBotMetrics(configuration);
        services.AddDiscussionCommands();
        services.Configure<CommandOptions>(configuration.GetSection(CommandOptions.SectionName));
        services.AddSingleton<LocalInteractionFactory>();
        services.AddSingleton<LocalCommandRunner>();
    }

    /// <summary>
    /// Documents servers bring from Discord: their limits, who may manage them, and the attachment downloader
    /// (Discord's hosts only, no redirects, size and time limits).
    /// </summary>
    private static void AddGuildSources(IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(GuildSourceLimits.SectionName);
        services.AddOptions<GuildSourceLimits>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AttachmentDownloadOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<SourceModeratorOptions>(section);
        services.AddHttpClient(AttachmentDownloader.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<IAttachmentDownloader, PooledAttachmentDownloader>();
    }

    /// <summary>True when a Discord token is configured, which selects live mode.</summary>
    public static bool HasDiscordToken(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Discord:Token"]);
}
