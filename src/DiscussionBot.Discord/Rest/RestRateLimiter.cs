using System.Collections.Concurrent;
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
public sealed class RestRateLimiter(TimeProvider time, ILogger<RestRateLimiter>? logger = null)
{
    /// <summary>Requests per second allowed by the global limit.</summary>
    public const int GlobalLimitPerSecond = 50;

    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    private readonly ILogger _logger = logger ?? NullLogger<RestRateLimiter>.Instance;
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<string, string> _bucketByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _globalLock = new(1, 1);
    private long _globalWindowStart;
    private int _globalCount;
    private long _globalBlockedUntil;

    /// <summary>Waits until the route's bucket and the global limit allow a request; the returned lease must be completed.</summary>
    internal async Task<Lease> AcquireAsync(RestRoute route, CancellationToken cancellationToken)
    {
        Bucket bucket = GetBucket(route);
        await bucket.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            TimeSpan wait = bucket.TimeUntilAvailable(_time);
            if (wait > TimeSpan.Zero)
            {
                Log.RateLimitWait(_logger, route.Display, wait);
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
            throw;
        }
    }

    private Bucket GetBucket(RestRoute route)
    {
        string id = _bucketByRoute.TryGetValue(route.RouteKey, out string? hash) ? hash : route.RouteKey;
        return _buckets.GetOrAdd(id + "|" + route.MajorParameter, _ => new Bucket());
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
        long until = _time.GetTimestamp() + (long)(retryAfter.TotalSeconds * _time.TimestampFrequency);
        Interlocked.Exchange(ref _globalBlockedUntil, until);
    }

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

                Bucket target = bucket;
                if (Header(response, "X-RateLimit-Bucket") is { Length: > 0 } hash)
                {
                    owner._bucketByRoute[route.RouteKey] = hash;
                    target = owner._buckets.GetOrAdd(hash + "|" + route.MajorParameter, _ => bucket);
                }

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

                target.Update(owner._time, remaining, resetAfter);
                if (!ReferenceEquals(target, bucket))
                {
                    bucket.Update(owner._time, remaining, resetAfter);
                }
            }
            finally
            {
                bucket.Gate.Release();
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
                    _resetAt = time.GetTimestamp() + (long)(after.TotalSeconds * time.TimestampFrequency);
                }
            }
        }
    }
}
