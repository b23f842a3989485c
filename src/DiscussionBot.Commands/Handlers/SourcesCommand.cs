using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/sources</c>: the documents in the store, a page at a time, with size and when each was ingested.</summary>
public sealed class SourcesCommand(IDocumentStore store) : ICommandHandler
{
    public const string ButtonPrefix = "sources";

    /// <summary>Documents per page: ten entries stay well within an embed and are quick to scan.</summary>
    public const int PageSize = 10;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "sources",
        Description = "List the source documents I answer from",
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken) =>
        new(InteractionCallbackType.ChannelMessageWithSource, Render(await store.ListDocumentsAsync(InteractionScope.Of(context.Interaction), cancellationToken), page: 0));

    /// <summary>One page of the list; a page past the end (the store shrank since) shows the last page.</summary>
    public static InteractionCallbackData Render(IReadOnlyList<DocumentInfo> documents, int page)
    {
        if (documents.Count == 0)
        {
            return Responses.MessageData(new Embed
            {
                Title = "Sources",
                Description = "The store has no sources yet. An operator can add some with the `ingest` command.",
                Color = Responses.WarningColor,
            });
        }

        int pages = (documents.Count + PageSize - 1) / PageSize;
        page = Math.Clamp(page, 0, pages - 1);
        IEnumerable<string> lines = documents.Skip(page * PageSize).Take(PageSize).Select(d =>
            $"**{DiscordText.EscapeMarkdown(DiscordText.Clip(d.Title, 150))}**\n" +
            $"{FormatSize(d.CharacterCount)} · {d.ParagraphCount} paragraphs · {d.SentenceCount} sentences · ingested {d.IngestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        string description = CitationText.JoinWithin(lines, DiscordLimits.EmbedDescriptionLength - 100, out int omitted);
        long totalCharacters = documents.Sum(d => (long)d.CharacterCount);
        string pageNote = pages > 1 ? $"Page {page + 1} of {pages} · " : string.Empty;
        var embed = new Embed
        {
            Title = $"Sources ({documents.Count})",
            Description = omitted > 0 ? $"{description}\n\n…and {omitted} more on this page." : description,
            Color = Responses.AccentColor,
            Footer = new EmbedFooter($"{pageNote}{FormatSize(totalCharacters)} of text in all. Pick one with the source option of /summary, /themes or /quote."),
        };
        return Responses.MessageData(embed, components: pages > 1 ? [PageButtons(page, pages)] : null);
    }

    internal static string FormatSize(long characters) => characters switch
    {
        < 10_000 => $"{characters.ToString("N0", CultureInfo.InvariantCulture)} characters",
        < 1_000_000 => $"{(characters / 1000.0).ToString("0.#", CultureInfo.InvariantCulture)}k characters",
        _ => $"{(characters / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture)}M characters",
    };

    private static MessageComponent PageButtons(int page, int pages)
    {
        // Both buttons stay in place (greyed out at the ends) so the row does not jump under the pointer. Their ids
        // differ whenever there are two pages or more, as custom ids within a message must.
        MessageComponent previous = MessageComponent.Button("Previous", $"{ButtonPrefix}:{Math.Max(0, page - 1).ToString(CultureInfo.InvariantCulture)}") with { Disabled = page == 0 ? true : null };
        MessageComponent next = MessageComponent.Button("Next", $"{ButtonPrefix}:{Math.Min(pages - 1, page + 1).ToString(CultureInfo.InvariantCulture)}") with { Disabled = page == pages - 1 ? true : null };
        return MessageComponent.Row(previous, next);
    }
}

/// <summary>The Previous / Next buttons under <c>/sources</c>: redraw the same message at another page.</summary>
public sealed class SourcesPageButton(IDocumentStore store) : IComponentHandler
{
    public string Prefix => SourcesCommand.ButtonPrefix;

    public async Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count is < 1 or > 2 || !int.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out int page))
        {
            throw ButtonScope.Outdated("sources");
        }

        return new(InteractionCallbackType.UpdateMessage, SourcesCommand.Render(await store.ListDocumentsAsync(InteractionScope.Of(interaction), cancellationToken), page));
    }
}
