using System.Threading.RateLimiting;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>
/// Per-member token buckets: a member may run a burst of commands, then one more every few seconds.
/// Keeps one member from monopolising the bot (and its Discord rate limits) without slowing anyone else.
/// </summary>
public sealed class MemberCooldowns : IDisposable
{
    private readonly PartitionedRateLimiter<ulong> _limiter;
    private readonly TimeSpan _period;

    public MemberCooldowns(IOptions<CommandOptions> options)
    {
        CommandOptions value = options.Value;
        _period = TimeSpan.FromSeconds(value.CooldownSecondsPerCommand);
        _limiter = PartitionedRateLimiter.Create<ulong, ulong>(member => RateLimitPartition.GetTokenBucketLimiter(member, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = value.CooldownBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _period,
            AutoReplenishment = true,
            QueueLimit = 0,
        }));
    }

    /// <returns>null when the member may go ahead; otherwise how long to wait.</returns>
    public TimeSpan? TryEnter(Interaction interaction)
    {
        if (interaction.Invoker is not { } user)
        {
            return null;
        }

        using RateLimitLease lease = _limiter.AttemptAcquire(user.Id.Value);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter) ? retryAfter : _period;
    }

    public void Dispose() => _limiter.Dispose();
}
