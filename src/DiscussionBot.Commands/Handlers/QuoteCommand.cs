using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// <c>/quote query:&lt;text&gt; [source] [count]</c>: the verbatim passages that answer a query; or, when none does,
/// the closest passages labelled as such, a plain "not in the sources", or a request to ask in the sources' language.
/// </summary>
public sealed class QuoteCommand(IQuoteEngine engine, SourceOption sources) : ICommandHandler
{
    public const string QueryOption = "query";
    public const string CountOption = "count";
    public const int MaxQueryLength = 300;
    public const int DefaultCount = 3;
    public const int MaxCount = 10;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "quote",
        Description = "Find passages in the sources that answer your question, quoted word for word",
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.String,
                Name = QueryOption,
                Description = "What you are looking for, in your own words",
                Required = true,
                MaxLength = MaxQueryLength,
            },
            SourceOption.Definition("Only search this source (leave empty for all sources)"),
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = CountOption,
                Description = $"How many passages at most (1–{MaxCount}, default {DefaultCount})",
                MinValue = 1,
                MaxValue = MaxCount,
            },
        ],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        string query = context.GetRequiredString(QueryOption);
        int count = context.GetInteger(CountOption) ?? DefaultCount;
        DocumentInfo? document = await sources.ResolveAsync(context, cancellationToken);
        QuoteResult result = await engine.FindQuotesAsync(new QuoteRequest(query, document?.Id, count), InteractionScope.Of(context.Interaction), cancellationToken);
        return Responses.Message(Render(result, document), context.Notices, QuoteButtons.For(result, document?.Id, count));
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        sources.AutocompleteAsync(context, optionName, typed, cancellationToken);

    public static Embed Render(QuoteResult result, DocumentInfo? scope)
    {
        string shownQuery = DiscordText.EscapeMarkdown(DiscordText.Clip(result.Query, 200));
        string where = scope is null ? "the sources" : $"“{DiscordText.EscapeMarkdown(scope.Title)}”";
        if (result.Verdict == QuoteVerdict.OtherLanguage)
        {
            return new Embed
            {
                Title = "Please ask in the sources' language",
                Description = $"“{shownQuery}” looks written in a language {where} are not written in, so I can't match it fairly. " +
                              "Ask again in the language of the sources (English), e.g. `/quote query:why were troops sent`.",
                Color = Responses.WarningColor,
            };
        }

        if (!result.IsCovered)
        {
            return new Embed
            {
                Title = "Not in the sources",
                Description = $"I found nothing in {where} that answers “{shownQuery}”. " +
                              "Try other words, or `/themes` to see what the sources discuss.",
                Color = Responses.WarningColor,
            };
        }

        // the closest passages are shown as such, never presented as the answer
        bool closestOnly = result.Verdict == QuoteVerdict.ClosestOnly;
        return new Embed
        {
            Title = DiscordText.Clip($"Passages for “{result.Query}”", DiscordLimits.EmbedTitleLength),
            Description = closestOnly
                ? $"None of these answers “{shownQuery}” directly; they are the closest passages in {where}."
                : null,
            Color = closestOnly ? Responses.WarningColor : Responses.AccentColor,
            Fields = result.Matches.Select((m, i) => new EmbedField(
                DiscordText.Clip($"{i + 1}. {m.Sentence.Citation.DocumentTitle}, {m.Sentence.Citation.ParagraphMark}", DiscordLimits.EmbedFieldNameLength),
                "> " + DiscordText.Clip(DiscordText.EscapeMarkdown(m.Sentence.Text), DiscordLimits.EmbedFieldValueLength - 2))).ToList(),
            Footer = new EmbedFooter(closestOnly
                ? "Quoted word for word from the sources, closest first."
                : "Quoted word for word from the sources, best match first."),
        };
    }
}
