using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>Buttons under quote answers: the context around a passage, and more passages for the same query.</summary>
public static class QuoteButtons
{
    public const string ContextPrefix = "context";
    public const string MorePrefix = "more";
    private const string QueryTitleStart = "Passages for “";

    /// <summary>One Context button per passage (at most 4) and a More button when more could exist.</summary>
    public static IReadOnlyList<MessageComponent> For(QuoteResult result, long? scope, int count)
    {
        if (!result.IsCovered)
        {
            return [];
        }

        var buttons = result.Matches
            .Take(DiscordLimits.ButtonsPerRow - 1)
            .Select((m, i) => MessageComponent.Button(
                $"Context {i + 1}",
                $"{ContextPrefix}:{m.Sentence.Citation.DocumentId}:{m.Sentence.Citation.SentenceOrdinal}"))
            .ToList();
        if (result.Matches.Count >= count && count < QuoteCommand.MaxCount)
        {
            buttons.Add(MessageComponent.Button("More passages", $"{MorePrefix}:{ButtonScope.Format(scope)}:{Math.Min(QuoteCommand.MaxCount, count * 2)}", ButtonStyle.Primary));
        }

        return [MessageComponent.Row(buttons)];
    }

    /// <summary>The query of a quote answer, read back from its title (custom ids are too short to carry it).</summary>
    public static string? QueryOf(Message? message)
    {
        string? title = message?.Embeds?.FirstOrDefault()?.Title;
        if (title is null || !title.StartsWith(QueryTitleStart, StringComparison.Ordinal) || !title.EndsWith('”'))
        {
            return null;
        }

        string query = title[QueryTitleStart.Length..^1];
        return query.EndsWith(DiscordText.Ellipsis, StringComparison.Ordinal) ? query[..^1] : query;
    }
}

/// <summary>The Context button: the whole paragraph around a quoted sentence, verbatim, shown to the member who asked.</summary>
public sealed class QuoteContextButton(IDocumentStore store) : IComponentHandler
{
    public string Prefix => QuoteButtons.ContextPrefix;

    public async Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count != 2 ||
            !long.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out long documentId) ||
            !int.TryParse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ordinal))
        {
            throw ButtonScope.Outdated("quote");
        }

        SourceDocument document = await store.GetDocumentAsync(documentId, cancellationToken) is { } found && InteractionScope.Of(interaction).Includes(found.Info)
            ? found
            : throw new DocumentNotFoundException(documentId);
        Sentence sentence = document.Sentences.FirstOrDefault(s => s.Ordinal == ordinal && s.IsQuotable)
            ?? throw new CommandInputException("That passage is no longer in the source (it was updated). Run `/quote` again.");
        Paragraph paragraph = document.Paragraphs.First(p => p.Number == sentence.ParagraphNumber);

        // The paragraph is shown exactly as stored, with the quoted sentence in bold.
        string before = document.Text[paragraph.Start..sentence.Start];
        string after = document.Text[(sentence.Start + sentence.Length)..paragraph.End];
        string description = DiscordText.Clip(
            $"{DiscordText.EscapeMarkdown(before)}**{DiscordText.EscapeMarkdown(sentence.Text)}**{DiscordText.EscapeMarkdown(after)}",
            DiscordLimits.EmbedDescriptionLength);
        return Responses.Message(
            new Embed
            {
                Title = DiscordText.Clip($"{document.Info.Title}, ¶{paragraph.Number}", DiscordLimits.EmbedTitleLength),
                Description = description,
                Color = Responses.AccentColor,
                Footer = new EmbedFooter("The whole paragraph, word for word; the quoted sentence is in bold."),
            },
            ephemeral: true);
    }
}

/// <summary>The More passages button: the same query again, with twice as many passages.</summary>
public sealed class MoreQuotesButton(IQuoteEngine engine) : IComponentHandler
{
    public string Prefix => QuoteButtons.MorePrefix;

    public async Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        string? query = QuoteButtons.QueryOf(interaction.Message);
        if (arguments.Count != 2 || query is null ||
            !int.TryParse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw ButtonScope.Outdated("quote");
        }

        long? scope = ButtonScope.Parse(arguments[0], "quote");
        count = Math.Clamp(count, 1, QuoteCommand.MaxCount);
        QuoteResult result = await engine.FindQuotesAsync(new QuoteRequest(query, scope, count), InteractionScope.Of(interaction), cancellationToken);
        return new InteractionResponse(
            InteractionCallbackType.UpdateMessage,
            Responses.MessageData(QuoteCommand.Render(result, scope: null), components: QuoteButtons.For(result, scope, count)));
    }
}
