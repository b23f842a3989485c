using System.Text;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Live;
using DiscussionBot.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Http;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness; never touches the store). <c>/readyz</c>: it can answer members now,
/// i.e. start-up finished, the store opens and is migrated (a revision read succeeds), the engine is warm (in embedding
/// mode or its lexical fallback), and in Gateway mode the gateway session is READY. 200 when all hold, else 503; the
/// body names each check, one per line, for whoever is looking.
/// </summary>
public sealed class HealthEndpoints(
    IServiceScopeFactory scopes,
    LiveReadiness readiness,
    TextEngineStatus engine,
    GatewayClient gateway,
    IOptions<DiscordClientOptions> discordOptions)
{
    private static readonly TimeSpan StoreCheckTimeout = TimeSpan.FromSeconds(2);

    public static Task LiveAsync(HttpContext context) => WriteAsync(context, StatusCodes.Status200OK, "alive\n");

    public async Task ReadyAsync(HttpContext context)
    {
        ReadinessReport report = await CheckAsync(context.RequestAborted);
        await WriteAsync(context, report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report.ToString());
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<(string Name, bool Ok, string Detail)>
        {
            ("startup", readiness.StartupComplete, readiness.StartupComplete ? "complete" : "in progress"),
        };

        (bool storeOk, string storeDetail) = await CheckStoreAsync(cancellationToken);
        checks.Add(("store", storeOk, storeDetail));

        // Warm-up ran during start-up, so the model has loaded or failed by now: either way the engine answers.
        checks.Add(("engine", readiness.StartupComplete, $"{engine.ExpectedMode}"));

        if (discordOptions.Value.Mode == InteractionDelivery.Gateway)
        {
            GatewayStatus status = gateway.Status;
            checks.Add(("gateway", status == GatewayStatus.Ready, status.ToString()));
        }

        return new ReadinessReport(checks);
    }

    private async Task<(bool Ok, string Detail)> CheckStoreAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreCheckTimeout);
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            long revision = await scope.ServiceProvider.GetRequiredService<IDocumentStore>().GetRevisionAsync(timeout.Token);
            return (true, $"revision {revision}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reason goes to the probe's body only as its type: messages may carry paths or connection details.
            return (false, $"unavailable ({ex.GetType().Name})");
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}

/// <summary>The outcome of each readiness check.</summary>
public sealed record ReadinessReport(IReadOnlyList<(string Name, bool Ok, string Detail)> Checks)
{
    public bool Ready => Checks.All(c => c.Ok);

    public override string ToString() =>
        (Ready ? "ready\n" : "not ready\n") + string.Concat(Checks.Select(c => $"{c.Name}: {(c.Ok ? "ok" : "FAIL")} ({c.Detail})\n"));
}
