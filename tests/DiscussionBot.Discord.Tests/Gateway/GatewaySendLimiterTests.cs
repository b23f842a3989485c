using DiscussionBot.Discord.Gateway;
using DiscussionBot.TestKit;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewaySendLimiterTests
{
    [Fact]
    public async Task WaitAsync_118Events_NextEventWaitsButHeartbeatStillPasses()
    {
        var time = new TrackingTimeProvider();
        var limiter = new GatewaySendLimiter(time);
        for (int i = 0; i < 118; i++)
        {
            await limiter.WaitAsync(heartbeat: false, CancellationToken.None);
        }

        Task blocked = limiter.WaitAsync(heartbeat: false, CancellationToken.None).AsTask();
        await limiter.WaitAsync(heartbeat: true, CancellationToken.None);
        await limiter.WaitAsync(heartbeat: true, CancellationToken.None);

        Assert.False(blocked.IsCompleted);
        await time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(60));
        await blocked.WaitAsync(Waiter.DefaultTimeout);
    }
}
