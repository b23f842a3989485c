using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/sources</c>: the documents in the store, with size and when each was ingested.</summary>
public sealed class SourcesCommand(IDocumentStore store) : ICommandHandler
{
    public ApplicationCommand Definition { get; } = new()
    {
        Name = "sources",
        Description = "List the source documents I answer from",
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(cancellationToken);
        if (documents.Count == 0)
        {
            return Responses.Message(new Embed
            {
                Title = "Sources",
                Description = "The store has no sources yet. An operator can add some with the `ingest` command.",
                Color = Responses.WarningColor,
            });
        }

        IEnumerable<string> lines = documents.Select(d =>
            $"**{DiscordText.EscapeMarkdown(DiscordText.Clip(d.Title, 150))}**\n" +
            $"{FormatSize(d.CharacterCount)} · {d.ParagraphCount} paragraphs · {d.SentenceCount} sentences · ingested {d.IngestedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        string description = CitationText.JoinWithin(lines, DiscordLimits.EmbedDescriptionLength - 100, out int omitted);
        long totalCharacters = documents.Sum(d => (long)d.CharacterCount);
        return Responses.Message(new Embed
        {
            Title = $"Sources ({documents.Count})",
            Description = omitted > 0 ? $"{description}\n\n…and {omitted} more." : description,
            Color = Responses.AccentColor,
            Footer = new EmbedFooter($"{FormatSize(totalCharacters)} of text in all. Pick one with the source option of /summary, /themes or /quote."),
        });
    }

    internal static string FormatSize(long characters) => characters switch
    {
        < 10_000 => $"{characters.ToString("N0", CultureInfo.InvariantCulture)} characters",
        < 1_000_000 => $"{(characters / 1000.0).ToString("0.#", CultureInfo.InvariantCulture)}k characters",
        _ => $"{(characters / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture)}M characters",
    };
}
