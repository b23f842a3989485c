using DiscussionBot.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace DiscussionBot.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The instruments, in every verb: recording costs next to nothing while nobody listens.</summary>
    public static IServiceCollection AddBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMetrics();
        services.TryAddSingleton<BotMetrics>();
        services.TryAddSingleton<Core.Ingestion.IIngestionObserver>(sp => sp.GetRequiredService<BotMetrics>());
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>());
        return services;
    }

    /// <summary>The OTLP export of the bot's and the Discord client's meters, when <c>Metrics:Enabled</c> (live modes only).</summary>
    public static IServiceCollection AddMetricsExport(this IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(MetricsOptions.SectionName);
        if (!bool.TryParse(section[nameof(MetricsOptions.Enabled)], out bool enabled) || !enabled)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BotMetrics.MeterName, DiscordMetrics.MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                MetricsOptions options = section.Get<MetricsOptions>() ?? new MetricsOptions();
                exporter.Endpoint = options.OtlpEndpoint;
                exporter.Protocol = options.Protocol == OtlpTransport.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = options.ExportIntervalSeconds * 1000;
            }));
        return services;
    }
}
