using DiscussionBot.Tests.Live;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace DiscussionBot.Tests.Http;

public sealed class MetricsExportTests
{
    [Fact]
    public async Task LiveHost_MetricsOffByDefault_NoExporter()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();

        Assert.Null(live.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task LiveHost_MetricsEnabled_OtlpExporterRunsAndAnUnreachableCollectorDoesNotStopTheBot()
    {
        await using LiveHarness live = await LiveHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Metrics:Enabled"] = "true",
            ["Metrics:OtlpEndpoint"] = "http://127.0.0.1:9",
        });

        Assert.NotNull(live.Services.GetService<MeterProvider>());
        Assert.Equal(DiscussionBot.Discord.Gateway.GatewayStatus.Ready, live.Services.GetRequiredService<DiscussionBot.Discord.Gateway.GatewayClient>().Status);
    }
}
