using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Tests.Support;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class ExponentialReconnectStrategyTests
{
    [Fact]
    public void GetDelay_FirstReconnect_IsImmediate()
    {
        var strategy = new ExponentialReconnectStrategy(new FixedRandom(0.9));

        Assert.Equal(TimeSpan.Zero, strategy.GetDelay(0));
    }

    [Fact]
    public void GetDelay_LaterAttempts_DoubleWithEqualJitter()
    {
        var strategy = new ExponentialReconnectStrategy(new FixedRandom(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // capped × (0.5 + 0.5 × random) = capped × 0.75
        Assert.Equal(TimeSpan.FromMilliseconds(750), strategy.GetDelay(1));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), strategy.GetDelay(2));
        Assert.Equal(TimeSpan.FromMilliseconds(3000), strategy.GetDelay(3));
    }

    [Theory]
    [InlineData(0.0, 30)]
    [InlineData(0.999, 60)]
    public void GetDelay_ManyAttempts_StaysWithinCap(double random, int expectedSecondsApprox)
    {
        var strategy = new ExponentialReconnectStrategy(new FixedRandom(random), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        TimeSpan delay = strategy.GetDelay(500);

        Assert.InRange(delay.TotalSeconds, expectedSecondsApprox - 0.1, 60);
    }
}
