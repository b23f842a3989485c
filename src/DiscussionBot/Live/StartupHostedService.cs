using DiscussionBot.Discord;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Runs once before the gateway connects (or the HTTP endpoint takes interactions): brings the store up to date with
/// the seeds, warms up the answer engine (so the first members are not queued behind a model load or a whole-store
/// computation) and, where configured, registers the commands (only when they changed). A rejected token stops the
/// host with a clear line and exit code 1.
/// </summary>
public sealed class StartupHostedService(
    StoreBootstrapper store,
    AnswerWarmUp warmUp,
    CommandRegistrar registrar,
    LiveExit exit,
    LiveReadiness readiness,
    IOptions<LiveOptions> liveOptions,
    IOptions<DiscordClientOptions> discordOptions,
    IHostApplicationLifetime lifetime,
    ILogger<StartupHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSeededAsync(cancellationToken);

        await warmUp.WarmUpAsync(cancellationToken);
        if (liveOptions.Value.RegisterCommandsAtStart ?? discordOptions.Value.Mode == InteractionDelivery.Gateway)
        {
            await RegisterCommandsAsync(cancellationToken);
        }

        readiness.MarkStartupComplete();
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await registrar.RegisterAsync(cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            LiveLog.Fatal(logger, "Discord rejected the bot token (HTTP 401): check Discord:Token");
            exit.Fail();
            lifetime.StopApplication();
        }
        catch (Exception ex) when (ex is HttpRequestException or DiscordApiException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Discord may be briefly unreachable: the commands registered last time still work, and the
            // gateway retries with backoff, so the bot starts anyway.
            LiveLog.CommandRegistrationFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
