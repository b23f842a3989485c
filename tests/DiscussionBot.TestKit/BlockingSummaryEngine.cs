using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.TestKit;

/// <summary>
/// A summary engine that computes synchronously, as the real engines do: once armed, a call holds its calling thread
/// (it returns no Task until released), so a host that runs handlers inline on its dispatch loop stalls behind it.
/// Unarmed, it answers at once (start-up warm-up goes through).
/// </summary>
public sealed class BlockingSummaryEngine : ISummaryEngine, IDisposable
{
    private readonly ManualResetEventSlim _release = new(initialState: true);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _armed;

    /// <summary>Completes when an armed call has started blocking.</summary>
    public Task Entered => _entered.Task;

    /// <summary>The summary returned.</summary>
    public Summary Result { get; init; } = new(null, "All sources", SummaryLength.Short, [], 1);

    /// <summary>Makes the next calls block until <see cref="Release"/>.</summary>
    public void Arm()
    {
        _release.Reset();
        Volatile.Write(ref _armed, 1);
    }

    /// <summary>Lets blocked calls finish.</summary>
    public void Release() => _release.Set();

    /// <inheritdoc />
    public Task<Summary> SummarizeAsync(SummaryRequest request, DocumentScope scope, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _armed) == 1)
        {
            _entered.TrySetResult();
            // A failure guard only: a test that never releases fails instead of hanging.
            if (!_release.Wait(Waiter.DefaultTimeout, cancellationToken))
            {
                throw new TimeoutException("The blocking engine was never released.");
            }
        }

        return Task.FromResult(Result with { Length = request.Length });
    }

    /// <inheritdoc />
    public void Dispose() => _release.Dispose();
}
