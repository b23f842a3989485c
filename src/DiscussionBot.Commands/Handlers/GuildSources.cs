using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// Adds and removes a server's own documents, for <c>/source</c> and "Add to sources": who may (checked from the
/// interaction itself), the server's limits, duplicates, and a polite private answer for every refusal.
/// A server's document is visible in that server only; the answer engines pick it up at their next question
/// (the store's revision changes, and only that server's snapshot is rebuilt). In embedding mode the answer does not
/// wait for the sentence encoder: the document is quotable by its words at once and found by meaning once its
/// background analysis lands (<see cref="IngestionReport.AnalysisPending"/>).
/// </summary>
public sealed class GuildSources(IngestionService ingestion, IDocumentStore store, SourceModerators moderators, IOptions<GuildSourceLimits> limits)
{
    private readonly GuildSourceLimits _limits = limits.Value;

    /// <summary>The server the member manages sources of.</summary>
    /// <exception cref="CommandInputException">A DM, or a member who is not a moderator.</exception>
    public ulong RequireModerator(Interaction interaction, string action)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.GuildId is not { } guild)
        {
            throw new CommandInputException($"Sources belong to a server, so I can only {action} them in one, not in a DM.");
        }

        if (!moderators.MayManageSources(interaction))
        {
            throw new CommandInputException(
                $"Only moderators can {action} this server's sources: members with Manage Server, or with a role the bot's operator named.");
        }

        return guild.Value;
    }

    /// <summary>The member who adds a document, recorded with it.</summary>
    public static DocumentOwner OwnerOf(Interaction interaction, ulong guild, string origin)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        User user = interaction.Invoker ?? new User();
        return new DocumentOwner(guild, user.Id.Value, interaction.Member?.Nick ?? user.DisplayName, origin);
    }

    /// <summary>Stores the document for its server and says what happened; refusals are thrown as polite messages.</summary>
    /// <param name="shownName">How the member knows the document (the file name, or "that message").</param>
    public async Task<InteractionResponse> AddAsync(IncomingDocument document, string shownName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ulong guild = document.Owner!.GuildId;
        DocumentScope scope = DocumentScope.ForGuild(guild);
        IngestionReport report;
        try
        {
            report = await ingestion.AddForGuildAsync(document, _limits, cancellationToken);
        }
        catch (SourceLimitException ex)
        {
            throw new CommandInputException($"I can't add {shownName}: {ex.Message} A moderator can remove a source with `/source remove` first.");
        }

        IReadOnlyList<DocumentInfo> visible = await store.ListDocumentsAsync(scope, cancellationToken);
        if (report.Duplicates.Count > 0)
        {
            string sameAs = visible.FirstOrDefault(d => d.SourceName == report.Duplicates[0].SameAs)?.Title ?? report.Duplicates[0].SameAs;
            throw new CommandInputException(
                $"{Capitalized(shownName)} has the same text as “{DiscordText.EscapeMarkdown(DiscordText.Clip(sameAs, 100))}”, which is already in the sources, so I did not add it again.");
        }

        DocumentInfo added = visible.FirstOrDefault(d => d.SourceName == document.SourceName)
            ?? throw new CommandInputException($"{Capitalized(shownName)} was not stored. Please try again.");
        if (!report.ChangedAnything)
        {
            throw new CommandInputException(
                $"{Capitalized(shownName)} is already in this server's sources, unchanged (“{DiscordText.EscapeMarkdown(DiscordText.Clip(added.Title, 100))}”).");
        }

        string verb = report.Updated.Count > 0 ? "Updated" : "Added";
        string use = report.AnalysisPending.Contains(document.SourceName)
            ? "Members here can quote and summarise it now (`/quote`, `/summary source:`, `/themes`), matching its words; " +
              "matching by meaning is being prepared in the background and joins in by itself when ready. "
            : "Members here can now use it: `/summary source:`, `/quote`, `/themes`. ";
        return Responses.Message(
            new Embed
            {
                Title = DiscordText.Clip($"{verb}: {added.Title}", DiscordLimits.EmbedTitleLength),
                Description = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{added.ParagraphCount} paragraphs, {added.SentenceCount} sentences, {added.CharacterCount:N0} characters of text.\n" +
                    $"{use}Other servers and DMs do not see it.\n" +
                    $"This server has {visible.Count(d => d.GuildId == guild)} of its own sources (at most {_limits.MaxDocumentsPerGuild})."),
                Color = Responses.AccentColor,
                Footer = new EmbedFooter(DiscordText.Clip($"Added by {document.Owner.UserName}. Remove it with /source remove.", DiscordLimits.EmbedFooterLength)),
            },
            ephemeral: true);
    }

    /// <summary>The server's own documents (not the operator's, which only the operator removes).</summary>
    public async Task<IReadOnlyList<DocumentInfo>> OwnDocumentsAsync(ulong guild, CancellationToken cancellationToken) =>
        (await store.ListDocumentsAsync(DocumentScope.ForGuild(guild), cancellationToken)).Where(d => d.GuildId == guild).ToList();

    /// <summary>Removes one of the server's own documents.</summary>
    public async Task<InteractionResponse> RemoveAsync(ulong guild, string typed, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentInfo> own = await OwnDocumentsAsync(guild, cancellationToken);
        if (own.Count == 0)
        {
            throw new CommandInputException("This server has no sources of its own to remove (the operator's sources can only be removed by the operator).");
        }

        DocumentInfo document = DocumentTitles.Resolve(own, typed) ?? throw new CommandInputException(
            $"None of this server's own sources is called “{DiscordText.EscapeMarkdown(DiscordText.Clip(typed, 80))}”. Pick one from the list as you type.");
        try
        {
            await ingestion.RemoveAsync([document.SourceName], cancellationToken);
        }
        catch (UnknownSourceException)
        {
            throw new CommandInputException("That source was already removed.");
        }

        return Responses.Ephemeral($"Removed “{DiscordText.EscapeMarkdown(DiscordText.Clip(document.Title, 150))}” from this server's sources.");
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
