namespace DiscussionBot.Discord.Gateway;

/// <summary>A source of random numbers in [0, 1), injectable for tests.</summary>
public interface IRandomSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}

/// <summary><see cref="IRandomSource"/> over <see cref="Random.Shared"/>.</summary>
public sealed class SystemRandomSource : IRandomSource
{
#pragma warning disable CA5394 // Jitter, not security
    /// <inheritdoc />
    public double NextDouble() => Random.Shared.NextDouble();
#pragma warning restore CA5394
}

/// <summary>How long to wait before each reconnect attempt.</summary>
public interface IReconnectStrategy
{
    /// <summary>The delay before reconnect attempt <paramref name="attempt"/>.</summary>
    /// <param name="attempt">0 for the first reconnect after a healthy connection, then 1, 2, …</param>
    TimeSpan GetDelay(int attempt);
}

/// <summary>
/// Reconnects at once the first time, then waits base × 2^(attempt−1), capped, with "equal jitter"
/// (between half and all of that delay).
/// </summary>
/// <param name="random">The jitter source.</param>
/// <param name="baseDelay">The delay of the second attempt before jitter; default 1 s.</param>
/// <param name="maxDelay">The cap; default 60 s.</param>
public sealed class ExponentialReconnectStrategy(IRandomSource random, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    : IReconnectStrategy
{
    private readonly TimeSpan _base = baseDelay ?? TimeSpan.FromSeconds(1);
    private readonly TimeSpan _max = maxDelay ?? TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public TimeSpan GetDelay(int attempt)
    {
        if (attempt <= 0)
        {
            return TimeSpan.Zero;
        }

        double exponential = _base.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        double capped = Math.Min(exponential, _max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (capped / 2 * random.NextDouble()));
    }
}
