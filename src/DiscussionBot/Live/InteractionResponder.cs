using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Answers one interaction on Discord: starts the command pipeline on a worker thread, replies with the answer when
/// it is ready in time, otherwise acknowledges first (deferral) and edits the answer in when it is ready. Every
/// deadline counts from the interaction's receipt by the gateway, so time spent queued shortens the wait.
/// </summary>
public sealed class InteractionResponder(
    InteractionRouter router,
    InteractionWorkScheduler work,
    DiscordRestClient rest,
    TimeProvider time,
    IOptions<LiveOptions> options,
    BotMetrics metrics,
    ILogger<InteractionResponder> logger)
{
    private readonly TimeSpan _deferAfter = TimeSpan.FromMilliseconds(options.Value.DeferAfterMilliseconds);

    /// <param name="deferred">Called once the answer has been deferred: it is slow, and need not hold a slot meant for fast ones.</param>
    public async Task RespondAsync(ReceivedInteraction received, Action? deferred, CancellationToken cancellationToken)
    {
        Interaction interaction = received.Interaction;
        string kind = Describe(interaction);
        using IDisposable? scope = InteractionLogScope.Begin(logger, interaction.Id.ToString(), kind, interaction.GuildId?.ToString() ?? "dm");
        TimeSpan queued = time.GetElapsedTime(received.ReceivedTimestamp);
        if (queued >= DiscordLimits.InitialResponseDeadline)
        {
            // Discord has already told the member the app did not respond, and would refuse the answer (10062).
            LiveLog.TooLateToAnswer(logger, kind, (long)queued.TotalMilliseconds);
            metrics.Interaction(kind, "too_late", latency: null);
            received.Inline?.Abandon();
            return;
        }

        try
        {
            Task<InteractionResponse> answer = work.RunAsync(() => router.HandleAsync(interaction, cancellationToken), cancellationToken);
            string mode = await DeliverAsync(received, answer, deferred, cancellationToken);
            TimeSpan elapsed = time.GetElapsedTime(received.ReceivedTimestamp);
            LiveLog.Answered(logger, kind, (long)elapsed.TotalMilliseconds, mode);
            metrics.Interaction(kind, mode, elapsed);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.UnknownInteraction)
        {
            // The token is gone (too late, or answered elsewhere): retrying cannot succeed.
            LiveLog.InteractionExpired(logger);
            metrics.Interaction(kind, "expired", latency: null);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.InteractionAlreadyAcknowledged)
        {
            LiveLog.AlreadyAcknowledged(logger);
            metrics.Interaction(kind, "already_acknowledged", latency: null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LiveLog.AnswerFailed(logger, ex);
            metrics.Interaction(kind, "failed", latency: null);
        }
        finally
        {
            // An HTTP request still waiting for a first response learns that none will come.
            received.Inline?.Abandon();
        }
    }

    private async Task<string> DeliverAsync(ReceivedInteraction received, Task<InteractionResponse> answer, Action? deferred, CancellationToken cancellationToken)
    {
        Interaction interaction = received.Interaction;
        long windowCloses = received.ReceivedTimestamp + Ticks(DiscordLimits.InitialResponseDeadline);

        // Autocomplete cannot be deferred: it answers with whatever is ready.
        if (interaction.Type != InteractionType.ApplicationCommandAutocomplete && !await ReadyBeforeDeferralAsync(received, answer, cancellationToken))
        {
            await SendFirstResponseAsync(received, DeferralFor(interaction), windowCloses, cancellationToken);
            deferred?.Invoke();
            InteractionResponse late = await answer;
            await DeliverLateAsync(interaction, late, cancellationToken);
            return "deferred";
        }

        await SendFirstResponseAsync(received, await answer, windowCloses, cancellationToken);
        return "immediate";
    }

    /// <summary>
    /// The first response goes back in the HTTP response body for an interaction POSTed to our endpoint, and through
    /// the callback endpoint for one from the gateway; everything after it (edits, follow-ups) goes by REST either way.
    /// </summary>
    private Task SendFirstResponseAsync(ReceivedInteraction received, InteractionResponse response, long windowCloses, CancellationToken cancellationToken)
    {
        if (received.Inline is { } inline)
        {
            inline.TrySend(response);
            return Task.CompletedTask;
        }

        return rest.CreateInteractionResponseAsync(received.Interaction, response, windowCloses, cancellationToken);
    }

    /// <summary>Waits for the answer until the deferral point (receipt + <see cref="LiveOptions.DeferAfterMilliseconds"/>).</summary>
    private async Task<bool> ReadyBeforeDeferralAsync(ReceivedInteraction received, Task<InteractionResponse> answer, CancellationToken cancellationToken)
    {
        TimeSpan left = _deferAfter - time.GetElapsedTime(received.ReceivedTimestamp);
        if (answer.IsCompleted || left <= TimeSpan.Zero)
        {
            return answer.IsCompleted;
        }

        using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task deadline = Task.Delay(left, time, deferTimer.Token);
        Task first = await Task.WhenAny(answer, deadline);
        await deferTimer.CancelAsync();
        return first == answer;
    }

    private InteractionResponse DeferralFor(Interaction interaction) => interaction.Type == InteractionType.MessageComponent
        ? new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage)
        : new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, new InteractionCallbackData
        {
            Flags = router.RepliesPrivately(interaction) ? MessageFlags.Ephemeral : null,
        });

    private async Task DeliverLateAsync(Interaction interaction, InteractionResponse late, CancellationToken cancellationToken)
    {
        InteractionCallbackData data = late.Data ?? new InteractionCallbackData { Content = "Done." };
        bool privateAnswer = data.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral);
        if (interaction.Type == InteractionType.MessageComponent && late.Type != InteractionCallbackType.UpdateMessage)
        {
            // A button's deferred update keeps the message as it is; a new reply (often a private refusal) is a follow-up.
            await rest.CreateFollowupMessageAsync(interaction, data, cancellationToken);
            return;
        }

        if (privateAnswer && !router.RepliesPrivately(interaction))
        {
            // The public "thinking…" message cannot become private: replace it with a private follow-up.
            await rest.DeleteOriginalResponseAsync(interaction, cancellationToken);
            await rest.CreateFollowupMessageAsync(interaction, data, cancellationToken);
            return;
        }

        await rest.EditOriginalResponseAsync(interaction, data with { Flags = null }, cancellationToken);
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    private static string Describe(Interaction interaction) => interaction.Type switch
    {
        InteractionType.ApplicationCommand => "/" + interaction.Data?.Name,
        InteractionType.ApplicationCommandAutocomplete => "autocomplete /" + interaction.Data?.Name,
        InteractionType.MessageComponent => "button " + (interaction.Data?.CustomId?.Split(':')[0] ?? "?"),
        _ => interaction.Type.ToString(),
    };
}
