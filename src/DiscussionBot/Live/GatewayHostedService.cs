using DiscussionBot.Discord.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Live;

/// <summary>Keeps the gateway connection up. A fatal close (bad token, bad intents) stops the host with exit code 1.</summary>
public sealed class GatewayHostedService(
    GatewayClient gateway,
    LiveExit exit,
    IHostApplicationLifetime lifetime,
    ILogger<GatewayHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        _ = LogReadyAsync(stoppingToken);
        try
        {
            await gateway.RunAsync(stoppingToken);
        }
        catch (GatewayFatalException ex)
        {
            LiveLog.Fatal(logger, ex.Message);
            exit.Fail();
            lifetime.StopApplication();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Close with 1000 so Discord ends the session now instead of waiting for it to time out.
        await gateway.CloseAsync();
        await base.StopAsync(cancellationToken);
    }

    private async Task LogReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            GatewayReadyInfo ready = await gateway.Ready.WaitAsync(cancellationToken);
            LiveLog.Ready(logger, ready.ApplicationId);
        }
        catch (Exception ex) when (ex is OperationCanceledException or GatewayFatalException)
        {
            // Reported by ExecuteAsync.
        }
    }
}
