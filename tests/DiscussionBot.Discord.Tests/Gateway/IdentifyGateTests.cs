using DiscussionBot.Discord.Gateway;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class IdentifyGateTests
{
    [Fact]
    public async Task WaitAsync_NoSessionStartsLeft_WaitsResetAfter()
    {
        var time = new TrackingTimeProvider();
        var gate = new IdentifyGate(time, NullLogger.Instance);

        Task wait = gate.WaitAsync(new SessionStartLimit { Remaining = 0, ResetAfter = 60_000, MaxConcurrency = 1 }, CancellationToken.None);
        await time.WaitForTimerAsync(d => d == TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(1));

        await wait.WaitAsync(Waiter.DefaultTimeout);
    }

    [Fact]
    public async Task WaitAsync_MaxConcurrencyTwo_ThirdIdentifyWaitsFiveSeconds()
    {
        var time = new TrackingTimeProvider();
        var gate = new IdentifyGate(time, NullLogger.Instance);
        var limit = new SessionStartLimit { Remaining = 10, MaxConcurrency = 2 };
        await gate.WaitAsync(limit, CancellationToken.None);
        await gate.WaitAsync(limit, CancellationToken.None);

        Task third = gate.WaitAsync(limit, CancellationToken.None);

        Assert.False(third.IsCompleted);
        await time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(5));
        await third.WaitAsync(Waiter.DefaultTimeout);
    }
}
