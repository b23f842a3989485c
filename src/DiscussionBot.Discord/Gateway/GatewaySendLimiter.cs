namespace DiscussionBot.Discord.Gateway;

/// <summary>
/// At most 120 sends per 60 s on one connection; the last <c>reserved</c> slots of each window are kept for heartbeats.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = 120, TimeSpan? window = null, int reservedForHeartbeats = 2)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(60);
    private readonly Lock _lock = new();
    private long _windowStart;
    private int _count;

    public async ValueTask WaitAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                long now = time.GetTimestamp();
                if (_count == 0 || time.GetElapsedTime(_windowStart, now) >= _window)
                {
                    _windowStart = now;
                    _count = 0;
                }

                int allowed = heartbeat ? limit : limit - reservedForHeartbeats;
                if (_count < allowed)
                {
                    _count++;
                    return;
                }

                wait = _window - time.GetElapsedTime(_windowStart, now);
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
