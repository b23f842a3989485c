using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewayClientBackoffTests
{
    [Fact]
    public async Task RunAsync_ReconnectAfterResumed_BackoffAttemptStartsAgainAtZero()
    {
        var strategy = new RecordingReconnectStrategy();
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync(reconnect: strategy);

        h.Gateway.Drop();
        await h.Gateway.WaitForFrameAsync(op: 6, count: 1);
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Ready, "first RESUMED");
        await h.Gateway.CloseAsync(4000);
        await h.Gateway.WaitForFrameAsync(op: 6, count: 2);
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Ready, "second RESUMED");

        Assert.Equal([0, 0], strategy.Attempts);
    }

    [Fact]
    public async Task RunAsync_ConsecutiveFailures_AttemptsGrowUntilResumedThenReset()
    {
        var delay = TimeSpan.FromSeconds(7);
        var strategy = new RecordingReconnectStrategy(delay);
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync(reconnect: strategy);
        h.Gateway.RejectConnectionsWith = 4000;

        h.Gateway.Drop();                                   // attempt 0: immediate, rejected
        await h.Time.AdvanceWhenWaitingAsync(delay);       // attempt 1: rejected
        await h.Time.WaitForTimerAsync(d => d == delay);   // attempt 2 is waiting
        h.Gateway.RejectConnectionsWith = null;
        h.Time.Advance(delay);
        await h.Gateway.WaitForFrameAsync(op: 6);
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Ready, "RESUMED");
        await h.Gateway.CloseAsync(4000);                   // healthy before: attempt 0 again
        await h.Gateway.WaitForFrameAsync(op: 6, count: 2);

        Assert.Equal([0, 1, 2, 0], strategy.Attempts);
    }

    private sealed class RecordingReconnectStrategy(TimeSpan? delay = null) : IReconnectStrategy
    {
        private readonly List<int> _attempts = [];

        public IReadOnlyList<int> Attempts
        {
            get
            {
                lock (_attempts)
                {
                    return [.. _attempts];
                }
            }
        }

        public TimeSpan GetDelay(int attempt)
        {
            lock (_attempts)
            {
                _attempts.Add(attempt);
            }

            return attempt == 0 ? TimeSpan.Zero : delay ?? TimeSpan.Zero;
        }
    }
}
