using System.Threading.Channels;
using DiscussionBot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Reads interactions from the bounded queue of their source (gateway or HTTP endpoint) and answers up to <see cref="LiveOptions.MaxConcurrentInteractions"/>
/// at once, each on its own task in its own DI scope. This loop only takes a slot and starts the answer: the handler's
/// work runs on <see cref="InteractionWorkScheduler"/>, so one slow answer never holds up the others or the gateway.
/// </summary>
public sealed class InteractionDispatchHostedService(
    IInteractionSource source,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentInteractions);
        using var deferredSlots = new SemaphoreSlim(options.Value.MaxDeferredInteractions);
        var running = new HashSet<Task>();
        try
        {
            ChannelReader<ReceivedInteraction> queue = source.Interactions;
            while (true)
            {
                // A slot first, then an interaction: those waiting stay in the gateway's bounded queue, none held here.
                await slots.WaitAsync(stoppingToken);
                if (!await queue.WaitToReadAsync(stoppingToken))
                {
                    break;
                }

                if (!queue.TryRead(out ReceivedInteraction? interaction))
                {
                    slots.Release();
                    continue;
                }

                var slot = new AnswerSlot(slots, deferredSlots);
                Task task = Task.Run(() => AnswerAsync(interaction, slot), CancellationToken.None);
                lock (running)
                {
                    running.Add(task);
                }

                _ = task.ContinueWith(
                    t =>
                    {
                        lock (running)
                        {
                            running.Remove(t);
                        }
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: let the answers in flight finish below.
        }
        catch (GatewayFatalException)
        {
            // The gateway ended for good; GatewayHostedService reports it and stops the host.
        }

        Task[] pending;
        lock (running)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending);
    }

    private async Task AnswerAsync(ReceivedInteraction interaction, AnswerSlot slot)
    {
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            var responder = scope.ServiceProvider.GetRequiredService<InteractionResponder>();
            // An answer already started is finished even while the host stops: the member is waiting for it.
            await responder.RespondAsync(interaction, slot.MoveToDeferred, CancellationToken.None);
        }
        finally
        {
            slot.Release();
        }
    }

    /// <summary>
    /// The slot an answer holds: one of <see cref="LiveOptions.MaxConcurrentInteractions"/> until it is deferred, then,
    /// while one is free, one of <see cref="LiveOptions.MaxDeferredInteractions"/>, handing the first back for the next interaction.
    /// </summary>
    private sealed class AnswerSlot(SemaphoreSlim slots, SemaphoreSlim deferredSlots)
    {
        private const int Holding = 0, Deferred = 1, Released = 2;
        private int _state;

        public void MoveToDeferred()
        {
            if (!deferredSlots.Wait(0))
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _state, Deferred, Holding) == Holding)
            {
                slots.Release();
            }
            else
            {
                deferredSlots.Release();
            }
        }

        public void Release()
        {
            switch (Interlocked.Exchange(ref _state, Released))
            {
                case Holding:
                    slots.Release();
                    break;
                case Deferred:
                    deferredSlots.Release();
                    break;
            }
        }
    }
}
