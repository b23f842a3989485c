using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Runs command handlers on dedicated threads, one per allowed concurrent interaction (slots plus deferred answers). The engines and the SQLite
/// store compute synchronously, so a handler holds its thread for the whole answer; on the shared thread pool a few
/// slow answers would starve the gateway's socket reads, the REST calls and the deferral timers that every other
/// member's answer depends on. Continuations inside a handler stay on these threads (await keeps a non-default
/// scheduler), while the Discord client's library code (ConfigureAwait(false)) returns to the pool.
/// </summary>
public sealed class InteractionWorkScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static InteractionWorkScheduler? _currentWorkerOf;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public InteractionWorkScheduler(IOptions<LiveOptions> options)
    {
        // One thread per slot, plus one per deferred answer that handed its slot back.
        int count = options.Value.MaxConcurrentInteractions + options.Value.MaxDeferredInteractions;
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"interaction-worker-{i}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Starts <paramref name="work"/> on a worker thread; the caller's thread returns at once.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        try
        {
            _queue.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Shutting down: a continuation of an answer still in flight finishes on the pool instead of being lost.
            ThreadPool.UnsafeQueueUserWorkItem(t => TryExecuteTask(t), task, preferLocal: false);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        ReferenceEquals(_currentWorkerOf, this) && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        _currentWorkerOf = this;
        foreach (Task task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
