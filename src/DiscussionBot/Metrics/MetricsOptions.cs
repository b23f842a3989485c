using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Metrics;

/// <summary>Metrics export, bound from the <c>Metrics</c> section; off by default.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Export the bot's and the Discord client's instruments with OpenTelemetry (OTLP) while it runs on Discord.</summary>
    public bool Enabled { get; set; }

    /// <summary>The OTLP collector (e.g. an OpenTelemetry Collector, Prometheus with its OTLP receiver, Grafana Alloy).</summary>
    [Required]
    public Uri OtlpEndpoint { get; set; } = new("http://localhost:4317");

    /// <summary><c>Grpc</c> (port 4317) or <c>HttpProtobuf</c> (port 4318, path /v1/metrics).</summary>
    public OtlpTransport Protocol { get; set; } = OtlpTransport.Grpc;

    [Range(1, 3600)]
    public int ExportIntervalSeconds { get; set; } = 15;
}

public enum OtlpTransport
{
    Grpc,
    HttpProtobuf,
}

[OptionsValidator]
public sealed partial class MetricsOptionsValidator : IValidateOptions<MetricsOptions>;
