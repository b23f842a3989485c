using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord.Gateway;

/// <summary>
/// Sends heartbeats on <see cref="TimeProvider"/>: the first after interval × jitter, then every interval.
/// When no ACK came back before the next beat is due, it reports a zombie connection instead of beating.
/// </summary>
internal sealed class Heartbeater(
    TimeProvider time,
    TimeSpan interval,
    double jitter,
    Func<CancellationToken, Task> sendHeartbeatAsync,
    Action onZombie,
    ILogger logger)
{
    private volatile bool _acknowledged = true;

    /// <summary>The tracked loop; completes when cancelled, on a zombie, or when sending fails.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start(CancellationToken cancellationToken) => Completion = RunAsync(cancellationToken);

    public void Acknowledge() => _acknowledged = true;

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * Math.Clamp(jitter, 0, 1), time, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!_acknowledged)
                {
                    Log.ZombieConnection(logger, interval);
                    onZombie();
                    return;
                }

                _acknowledged = false;

                // Schedule the next beat before sending, so the clock is exact whatever the send takes.
                Task next = Task.Delay(interval, time, cancellationToken);
                await sendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
                await next.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection is ending.
        }
#pragma warning disable CA1031 // The receive loop notices the broken socket; log and stop beating.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HeartbeatFailed(logger, ex);
        }
    }
}
