using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord.Gateway;

/// <summary>
/// Keeps IDENTIFY within the session-start budget: waits for the reset when none is left, and allows
/// at most <c>max_concurrency</c> IDENTIFYs per 5 seconds.
/// </summary>
internal sealed class IdentifyGate(TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan ConcurrencyWindow = TimeSpan.FromSeconds(5);
    private readonly Queue<long> _recent = new();

    public async Task WaitAsync(SessionStartLimit limit, CancellationToken cancellationToken)
    {
        if (limit.Remaining <= 0)
        {
            TimeSpan reset = TimeSpan.FromMilliseconds(Math.Max(0, limit.ResetAfter));
            Log.IdentifyBudgetExhausted(logger, limit.Total, reset);
            await Task.Delay(reset, time, cancellationToken).ConfigureAwait(false);
        }

        int maxConcurrency = Math.Max(1, limit.MaxConcurrency);
        while (_recent.Count >= maxConcurrency)
        {
            TimeSpan elapsed = time.GetElapsedTime(_recent.Peek());
            if (elapsed >= ConcurrencyWindow)
            {
                _recent.Dequeue();
                continue;
            }

            await Task.Delay(ConcurrencyWindow - elapsed, time, cancellationToken).ConfigureAwait(false);
        }

        _recent.Enqueue(time.GetTimestamp());
    }
}
