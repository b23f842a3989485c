using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Answers one interaction on Discord: runs the command pipeline, replies with the answer when it is ready
/// quickly, otherwise acknowledges first (deferral) and edits the answer in when it is ready.
/// </summary>
public sealed class InteractionResponder(
    InteractionRouter router,
    DiscordRestClient rest,
    TimeProvider time,
    IOptions<LiveOptions> options,
    ILogger<InteractionResponder> logger)
{
    public async Task RespondAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        string kind = Describe(interaction);
        using IDisposable? scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["InteractionId"] = interaction.Id.ToString(),
            ["Command"] = kind,
            ["GuildId"] = interaction.GuildId?.ToString() ?? "dm",
        });

        try
        {
            Task<InteractionResponse> answer = router.HandleAsync(interaction, cancellationToken);
            string mode = await DeliverAsync(interaction, answer, cancellationToken);
            LiveLog.Answered(logger, kind, (long)time.GetElapsedTime(started).TotalMilliseconds, mode);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.UnknownInteraction)
        {
            // The token is gone (too late, or answered elsewhere): retrying cannot succeed.
            LiveLog.InteractionExpired(logger);
        }
        catch (DiscordApiException ex) when (ex.Code == DiscordErrorCodes.InteractionAlreadyAcknowledged)
        {
            LiveLog.AlreadyAcknowledged(logger);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LiveLog.AnswerFailed(logger, ex);
        }
    }

    private async Task<string> DeliverAsync(Interaction interaction, Task<InteractionResponse> answer, CancellationToken cancellationToken)
    {
        // Autocomplete cannot be deferred: it answers with whatever is ready.
        if (interaction.Type != InteractionType.ApplicationCommandAutocomplete)
        {
            using var deferTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task deadline = Task.Delay(TimeSpan.FromMilliseconds(options.Value.DeferAfterMilliseconds), time, deferTimer.Token);
            Task first = await Task.WhenAny(answer, deadline);
            await deferTimer.CancelAsync();
            if (first != answer)
            {
                await rest.CreateInteractionResponseAsync(interaction, DeferralFor(interaction), cancellationToken);
                InteractionResponse late = await answer;
                await DeliverLateAsync(interaction, late, cancellationToken);
                return "deferred";
            }
        }

        await rest.CreateInteractionResponseAsync(interaction, await answer, cancellationToken);
        return "immediate";
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

    private static string Describe(Interaction interaction) => interaction.Type switch
    {
        InteractionType.ApplicationCommand => "/" + interaction.Data?.Name,
        InteractionType.ApplicationCommandAutocomplete => "autocomplete /" + interaction.Data?.Name,
        InteractionType.MessageComponent => "button " + (interaction.Data?.CustomId?.Split(':')[0] ?? "?"),
        _ => interaction.Type.ToString(),
    };
}
