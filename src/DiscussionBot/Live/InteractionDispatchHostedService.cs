using System.Threading.Channels;
using DiscussionBot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Reads interactions from the gateway's bounded queue and answers up to <see cref="LiveOptions.MaxConcurrentInteractions"/>
/// at once, each on its own task in its own DI scope. This loop only takes a slot and starts the answer: the handler's
/// work runs on <see cref="InteractionWorkScheduler"/>, so one slow answer never holds up the others or the gateway.
/// </summary>
public sealed class InteractionDispatchHostedService(
    GatewayClient gateway,
    IServiceScopeFactory scopes,
    IOptions<LiveOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(options.Value.MaxConcurrentInteractions);
        var running = new HashSet<Task>();
        try
        {
            ChannelReader<ReceivedInteraction> queue = gateway.Interactions;
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

                Task task = Task.Run(() => AnswerAsync(interaction, slots), CancellationToken.None);
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

    private async Task AnswerAsync(ReceivedInteraction interaction, SemaphoreSlim slots)
    {
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            var responder = scope.ServiceProvider.GetRequiredService<InteractionResponder>();
            // An answer already started is finished even while the host stops: the member is waiting for it.
            await responder.RespondAsync(interaction, CancellationToken.None);
        }
        finally
        {
            slots.Release();
        }
    }
}
