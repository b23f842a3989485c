using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiscussionBot.Discord.Rest;

/// <summary>
/// Shared REST rate-limit state: per-bucket limits learned from <c>X-RateLimit-*</c> headers, keyed by bucket id and
/// major parameter, plus the 50 requests/s global limit. All waits run on <see cref="TimeProvider"/>. Register as a singleton.
/// </summary>
/// <param name="time">The clock.</param>
/// <param name="logger">The logger.</param>
/// <param name="metrics">Where rate-limit waits are counted; none in tests that do not look.</param>
public sealed class RestRateLimiter(TimeProvider time, ILogger<RestRateLimiter>? logger = null, DiscordMetrics? metrics = null)
{
    /// <summary>Requests per second allowed by the global limit.</summary>
    public const int GlobalLimitPerSecond = 50;

    /// <summary>
    /// Added to every wait computed from <c>retry_after</c> or <c>X-RateLimit-Reset-After</c>: Discord rounds those to
    /// the millisecond and counts a request that arrives a hair early as another invalid request (10,000 invalid
    /// requests in 10 minutes ban the IP for an hour), so we arrive a little late instead.
    /// </summary>
    public static readonly TimeSpan ResetSafetyMargin = TimeSpan.FromMilliseconds(50);

    /// <summary>The bucket table is swept once it holds this many entries (and again each time it doubles since the last sweep).</summary>
    internal const int SweepThreshold = 64;

    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    private readonly ILogger _logger = logger ?? NullLogger<RestRateLimiter>.Instance;
    private readonly TimeProvider _time = time;
    private readonly Lock _tableLock = new();

    // Route (method + template) -> Discord's bucket hash. Bounded by the number of routes this client knows.
    private readonly Dictionary<string, string> _bucketByRoute = new(StringComparer.Ordinal);

    // (bucket hash or route) + major parameter -> bucket state. Eviction rule: a bucket nobody holds or waits for is
    // removed once its reset time has passed (it would start full again anyway). Sweeps run when the table reaches
    // SweepThreshold entries and whenever it has doubled since the last sweep, so the table stays within about twice
    // the number of buckets in use or still limited, whatever the number of interactions (each has its own major parameter).
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _globalLock = new(1, 1);
    private int _nextSweepAt = SweepThreshold;
    private long _globalWindowStart;
    private int _globalCount;
    private long _globalBlockedUntil;

    /// <summary>How many buckets the table holds now (for tests and diagnostics).</summary>
    public int BucketCount
    {
        get
        {
            lock (_tableLock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Waits until the route's bucket and the global limit allow a request; the returned lease must be completed.</summary>
    internal async Task<Lease> AcquireAsync(RestRoute route, CancellationToken cancellationToken)
    {
        Bucket bucket = Rent(route);
        try
        {
            await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Return(bucket);
            throw;
        }

        try
        {
            TimeSpan wait = bucket.TimeUntilAvailable(_time);
            if (wait > TimeSpan.Zero)
            {
                Log.RateLimitWait(_logger, route.Display, wait);
                metrics?.RateLimitWait("bucket", wait);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }

            if (!route.InteractionRoute)
            {
                await WaitGlobalAsync(route, cancellationToken).ConfigureAwait(false);
            }

            return new Lease(this, route, bucket);
        }
        catch
        {
            bucket.Gate.Release();
            Return(bucket);
            throw;
        }
    }

    private Bucket Rent(RestRoute route)
    {
        lock (_tableLock)
        {
            string id = _bucketByRoute.TryGetValue(route.RouteKey, out string? hash) ? hash : route.RouteKey;
            string key = id + "|" + route.MajorParameter;
            if (!_buckets.TryGetValue(key, out Bucket? bucket))
            {
                SweepIfDue();
                bucket = new Bucket();
                _buckets[key] = bucket;
            }

            bucket.Users++;
            return bucket;
        }
    }

    private void Return(Bucket bucket)
    {
        lock (_tableLock)
        {
            bucket.Users--;
        }
    }

    /// <summary>Records Discord's name for a route's bucket; the bucket in hand also answers to that name from now on.</summary>
    private Bucket Alias(RestRoute route, string hash, Bucket bucket)
    {
        lock (_tableLock)
        {
            _bucketByRoute[route.RouteKey] = hash;
            string key = hash + "|" + route.MajorParameter;
            if (_buckets.TryGetValue(key, out Bucket? existing))
            {
                return existing;
            }

            _buckets[key] = bucket;
            return bucket;
        }
    }

    private void SweepIfDue()
    {
        if (_buckets.Count < _nextSweepAt)
        {
            return;
        }

        long now = _time.GetTimestamp();
        foreach ((string key, Bucket bucket) in _buckets.ToArray())
        {
            if (bucket.Users == 0 && bucket.HasReset(now))
            {
                _buckets.Remove(key);
            }
        }

        _nextSweepAt = Math.Max(SweepThreshold, _buckets.Count * 2);
    }

    private async Task WaitGlobalAsync(RestRoute route, CancellationToken cancellationToken)
    {
        await _globalLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                long now = _time.GetTimestamp();
                long blockedUntil = Interlocked.Read(ref _globalBlockedUntil);
                if (blockedUntil > now)
                {
                    TimeSpan blocked = _time.GetElapsedTime(now, blockedUntil);
                    Log.RateLimitWait(_logger, route.Display, blocked);
                    metrics?.RateLimitWait("global", blocked);
                    await Task.Delay(blocked, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_globalCount == 0 || _time.GetElapsedTime(_globalWindowStart, now) >= GlobalWindow)
                {
                    _globalWindowStart = now;
                    _globalCount = 0;
                }

                if (_globalCount < GlobalLimitPerSecond)
                {
                    _globalCount++;
                    return;
                }

                await Task.Delay(GlobalWindow - _time.GetElapsedTime(_globalWindowStart, now), _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _globalLock.Release();
        }
    }

    private void BlockGlobal(TimeSpan retryAfter)
    {
        long until = _time.GetTimestamp() + ToTicks(retryAfter + ResetSafetyMargin, _time);
        Interlocked.Exchange(ref _globalBlockedUntil, until);
    }

    private static long ToTicks(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);

    /// <summary>One permitted request; <see cref="Complete"/> records the response's headers and frees the bucket.</summary>
    internal sealed class Lease(RestRateLimiter owner, RestRoute route, Bucket bucket)
    {
        private int _done;

        /// <summary>Learns from the response headers; for a 429, blocks the bucket or the global limit for <paramref name="retryAfter"/>.</summary>
        public void Complete(HttpResponseMessage? response, TimeSpan? retryAfter = null, bool global = false)
        {
            if (Interlocked.Exchange(ref _done, 1) == 1)
            {
                return;
            }

            try
            {
                if (response is null)
                {
                    return;
                }

                Bucket target = Header(response, "X-RateLimit-Bucket") is { Length: > 0 } hash ? owner.Alias(route, hash, bucket) : bucket;
                if (global && retryAfter is { } globalWait)
                {
                    owner.BlockGlobal(globalWait);
                }

                int? remaining = int.TryParse(Header(response, "X-RateLimit-Remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) ? r : null;
                TimeSpan? resetAfter = double.TryParse(Header(response, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s)
                    ? TimeSpan.FromSeconds(s)
                    : null;
                // Routes exempt from the global limit never wait on it, so a global 429 there is held on the bucket.
                if (retryAfter is { } bucketWait && (!global || route.InteractionRoute))
                {
                    remaining = 0;
                    resetAfter = resetAfter is { } ra && ra > bucketWait ? ra : bucketWait;
                }

                if (resetAfter is { } reset)
                {
                    resetAfter = reset + ResetSafetyMargin;
                }

                target.Update(owner._time, remaining, resetAfter);
                if (!ReferenceEquals(target, bucket))
                {
                    bucket.Update(owner._time, remaining, resetAfter);
                }
            }
            finally
            {
                bucket.Gate.Release();
                owner.Return(bucket);
            }
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
    }

    /// <summary>One bucket's state. Requests in a bucket go one at a time.</summary>
    internal sealed class Bucket
    {
        private readonly Lock _lock = new();
        private int? _remaining;
        private long _resetAt;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Requests holding or waiting for this bucket; guarded by the table lock. Only unused buckets are evicted.</summary>
        public int Users { get; set; }

        /// <summary>True once the bucket's reset time (if Discord gave one) has passed: it would start full again.</summary>
        public bool HasReset(long now)
        {
            lock (_lock)
            {
                return _resetAt <= now;
            }
        }

        public TimeSpan TimeUntilAvailable(TimeProvider time)
        {
            lock (_lock)
            {
                long now = time.GetTimestamp();
                if (_remaining is 0 && _resetAt > now)
                {
                    return time.GetElapsedTime(now, _resetAt);
                }

                if (_remaining is 0)
                {
                    _remaining = null;
                }

                return TimeSpan.Zero;
            }
        }

        public void Update(TimeProvider time, int? remaining, TimeSpan? resetAfter)
        {
            lock (_lock)
            {
                if (remaining is not null)
                {
                    _remaining = remaining;
                }

                if (resetAfter is { } after)
                {
                    _resetAt = time.GetTimestamp() + ToTicks(after, time);
                }
            }
        }
    }
}
