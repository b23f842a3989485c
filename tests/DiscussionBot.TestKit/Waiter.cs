namespace DiscussionBot.TestKit;

/// <summary>Lets tests wait for a condition that other threads make true, without polling on the wall clock.</summary>
public sealed class Waiter
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Default failure guard for waits on real sockets.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(20);

    /// <summary>Signals that state changed.</summary>
    public void Pulse()
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after the guard.</summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }
        }
    }
}
