using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Reads interactions from the gateway's bounded queue and answers them concurrently, each in its own DI
/// scope, so one slow answer never holds up the others or the gateway's receive loop.
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
            await foreach (Interaction interaction in gateway.Interactions.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                Task task = AnswerAsync(interaction, slots, stoppingToken);
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

    private async Task AnswerAsync(Interaction interaction, SemaphoreSlim slots, CancellationToken stoppingToken)
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
