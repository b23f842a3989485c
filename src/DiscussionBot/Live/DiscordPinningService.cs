using DiscussionBot.Commands.Handlers;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Pins;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Live;

/// <summary>
/// Pins summaries on Discord for moderators: posts the summary publicly, pins that very message with an
/// audit-log reason naming the moderator, and records the pin. The caller has already checked that the member
/// is a moderator; this checks the bot's own permissions first, so Discord never answers 403.
/// </summary>
public sealed class DiscordPinningService(
    ISummaryEngine summaries,
    DiscordRestClientFactory restClients,
    IPinLedger ledger,
    IDocumentStore store,
    TimeProvider time,
    ILogger<DiscordPinningService> logger) : IPinningService
{
    /// <summary>What the bot needs in the channel to post and pin a summary.</summary>
    public static readonly (Permissions Bit, string Name)[] RequiredBotPermissions =
    [
        (Permissions.ViewChannel, "View Channel"),
        (Permissions.SendMessages, "Send Messages"),
        (Permissions.EmbedLinks, "Embed Links"),
        (Permissions.PinMessages, "Pin Messages"),
    ];

    public bool CanPin => true;

    public async Task<InteractionResponse> PostAndPinSummaryAsync(
        Interaction interaction, DocumentInfo? document, SummaryLength length, CancellationToken cancellationToken)
    {
        if (MissingPermissions(interaction) is { } refusal)
        {
            return refusal;
        }

        Summary summary = await summaries.SummarizeAsync(new SummaryRequest(document?.Id, length), InteractionScope.Of(interaction), cancellationToken);
        InteractionCallbackData message = SummaryPresenter.Render(summary, [], withButtons: false, withPinButton: false);
        if (summary.Sentences.Count == 0)
        {
            return Responses.Ephemeral("That source has no sentences I can quote, so there is no summary to pin.");
        }

        Snowflake channel = interaction.ChannelId!.Value;
        DiscordRestClient rest = restClients.Create();
        Message posted = await rest.CreateMessageAsync(channel, ResponseLimits.Enforce(message), cancellationToken);
        try
        {
            await rest.PinMessageAsync(channel, posted.Id, AuditReason(interaction, "/pin-summary"), cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            LiveLog.PinFailed(logger, channel, ex.Code);
            // Leave nothing half done: a summary posted "to be pinned" but not pinned is removed again.
            bool removed = await TryRemoveAsync(rest, channel, posted.Id, cancellationToken);
            return removed
                ? PinFailure(ex, "I didn't post anything")
                : PinFailure(ex, $"I couldn't remove the summary I posted for it, so please delete it: {Link(interaction, posted.Id)}");
        }

        await RecordAsync(interaction, posted.Id, summary, cancellationToken);
        return Responses.Ephemeral($"Posted and pinned the summary of {Scope(summary)}: {Link(interaction, posted.Id)}");
    }

    public async Task<InteractionResponse> PinSummaryMessageAsync(
        Interaction interaction, long? documentId, SummaryLength length, CancellationToken cancellationToken)
    {
        if (MissingPermissions(interaction) is { } refusal)
        {
            return refusal;
        }

        if (interaction.Message is not { } message)
        {
            return Responses.Ephemeral("I can't tell which message to pin. Use `/pin-summary` instead.");
        }

        Summary summary = await summaries.SummarizeAsync(new SummaryRequest(documentId, length), InteractionScope.Of(interaction), cancellationToken);
        Snowflake channel = interaction.ChannelId ?? message.ChannelId;
        try
        {
            await restClients.Create().PinMessageAsync(channel, message.Id, AuditReason(interaction, "the Pin button"), cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            LiveLog.PinFailed(logger, channel, ex.Code);
            return PinFailure(ex, "the summary stays as it is");
        }

        await RecordAsync(interaction, message.Id, summary, cancellationToken);
        return Responses.Ephemeral($"Pinned the summary of {Scope(summary)}: {Link(interaction, message.Id)}");
    }

    private static InteractionResponse? MissingPermissions(Interaction interaction)
    {
        if (interaction.GuildId is null || interaction.ChannelId is null)
        {
            return Responses.Ephemeral("Summaries can only be pinned in a server channel.");
        }

        Permissions granted = interaction.BotPermissions;
        string[] missing = RequiredBotPermissions.Where(p => !granted.Grants(p.Bit)).Select(p => p.Name).ToArray();
        return missing.Length == 0
            ? null
            : Responses.Ephemeral($"I can't pin here: I'm missing the {string.Join(", ", missing)} permission{(missing.Length == 1 ? string.Empty : "s")} in this channel. A server admin can grant {(missing.Length == 1 ? "it" : "them")} to my role or in the channel's settings.");
    }

    /// <summary>Why the pin failed, then what became of the message (<paramref name="outcome"/>), for the moderator.</summary>
    private static InteractionResponse PinFailure(DiscordApiException ex, string outcome) => Responses.Ephemeral(ex.Code switch
    {
        DiscordErrorCodes.MaximumPinsReached => $"This channel already has the most pins Discord allows ({DiscordLimits.PinsPerChannel}). Unpin something first; {outcome}.",
        DiscordErrorCodes.MissingPermissions or DiscordErrorCodes.MissingAccess => $"Discord says I'm not allowed to pin here. Check that my role has Pin Messages in this channel; {outcome}.",
        _ => $"Discord refused the pin; {outcome}. Please try again in a moment.",
    });

    /// <summary>
    /// Deletes the message posted for a refused pin. A failure here is logged, not thrown: the moderator still needs to
    /// hear why the pin failed, and that the message is still there.
    /// </summary>
    private async Task<bool> TryRemoveAsync(DiscordRestClient rest, Snowflake channel, Snowflake messageId, CancellationToken cancellationToken)
    {
        try
        {
            await rest.DeleteMessageAsync(channel, messageId, "The pin it was posted for failed", cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LiveLog.PinCleanupFailed(logger, channel, (ex as DiscordApiException)?.Code ?? 0, ex);
            return false;
        }
    }

    private async Task RecordAsync(Interaction interaction, Snowflake messageId, Summary summary, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(cancellationToken);
        var cited = summary.Sentences.Select(s => s.Citation.DocumentId).ToHashSet();
        PinnedSource[] sources = documents
            .Where(d => cited.Contains(d.Id))
            .Select(d => new PinnedSource(d.Id, d.Title, d.ContentHash))
            .ToArray();
        User moderator = interaction.Invoker ?? new User();
        await ledger.RecordAsync(
            new PinRecord(
                interaction.GuildId!.Value.Value,
                interaction.ChannelId!.Value.Value,
                messageId.Value,
                moderator.Id.Value,
                moderator.DisplayName,
                Scope(summary),
                summary.Length.ToString().ToLowerInvariant(),
                sources,
                time.GetUtcNow()),
            cancellationToken);
        LiveLog.Pinned(logger, messageId, interaction.ChannelId!.Value, moderator.Id);
    }

    private static string AuditReason(Interaction interaction, string via)
    {
        User? moderator = interaction.Invoker;
        return $"Summary pinned for moderator {moderator?.Username ?? "unknown"} ({moderator?.Id.ToString() ?? "?"}) via {via}";
    }

    private static string Scope(Summary summary) => summary.DocumentId is null ? "all sources" : $"“{summary.ScopeTitle}”";

    private static string Link(Interaction interaction, Snowflake messageId) =>
        $"https://discord.com/channels/{interaction.GuildId}/{interaction.ChannelId}/{messageId}";
}
