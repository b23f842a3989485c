using Microsoft.Extensions.Time.Testing;

namespace DiscussionBot.TestKit;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells tests when code under test starts waiting, so a test can
/// advance time exactly when a delay exists — no wall-clock sleeps, no races.
/// </summary>
public sealed class TrackingTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<TimeSpan> _created = [];
    private readonly Waiter _waiter = new();
    private int _consumed;

    /// <summary>Starts at a fixed instant.</summary>
    public TrackingTimeProvider()
        : base(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Due times of every timer created so far.</summary>
    public IReadOnlyList<TimeSpan> CreatedTimers
    {
        get
        {
            lock (_lock)
            {
                return [.. _created];
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _created.Add(dueTime);
        }

        _waiter.Pulse();
        return timer;
    }

    /// <summary>Waits for the next timer (after those already consumed) whose due time matches; returns its due time.</summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool>? match = null, TimeSpan? timeout = null)
    {
        TimeSpan found = default;
        await _waiter.UntilAsync(
            () =>
            {
                lock (_lock)
                {
                    for (int i = _consumed; i < _created.Count; i++)
                    {
                        if (match is null || match(_created[i]))
                        {
                            found = _created[i];
                            _consumed = i + 1;
                            return true;
                        }
                    }

                    return false;
                }
            },
            "a timer",
            timeout);
        return found;
    }

    /// <summary>Waits for a timer with exactly <paramref name="dueTime"/>, then advances by it.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan dueTime)
    {
        await WaitForTimerAsync(d => d == dueTime);
        Advance(dueTime);
    }
}
