using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/theme name:&lt;theme&gt; [source]</c>: explains one theme with its key terms and the verbatim sentences that carry it.</summary>
public sealed class ThemeCommand(IThemeEngine engine, SourceOption sources) : ICommandHandler
{
    public const string NameOption = "name";

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "theme",
        Description = "Explain one theme: its key terms and the sentences that carry it",
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.String,
                Name = NameOption,
                Description = "The theme (see /themes)",
                Required = true,
                Autocomplete = true,
                MaxLength = 100,
            },
            SourceOption.Definition("Only this source (leave empty for all sources)"),
        ],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        string wanted = context.GetRequiredString(NameOption);
        DocumentInfo? document = await sources.ResolveAsync(context, cancellationToken);
        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(document?.Id, InteractionScope.Of(context.Interaction), cancellationToken);
        Theme? theme = ThemeLookup.Find(themes, wanted);
        if (theme is null)
        {
            string known = themes.Count == 0
                ? "I found no themes there."
                : "Themes I found: " + string.Join(", ", themes.Take(10).Select(t => $"“{DiscordText.EscapeMarkdown(t.Label)}”")) + ".";
            throw new CommandInputException($"No theme called “{DiscordText.EscapeMarkdown(DiscordText.Clip(wanted, 80))}”. {known}");
        }

        return Render(theme, document?.Title, context.Notices);
    }

    public static InteractionResponse Render(Theme theme, string? scopeTitle, IReadOnlyList<string> notices)
    {
        if (theme.IsOther)
        {
            return RenderOther(theme, scopeTitle, notices);
        }

        bool manyDocuments = theme.Sentences.Select(s => s.Citation.DocumentId).Distinct().Count() > 1;
        string description = CitationText.JoinWithin(
            theme.Sentences.Select(s => CitationText.Format(s, withTitle: manyDocuments)),
            DiscordLimits.EmbedDescriptionLength - 200,
            out _);
        var embed = new Embed
        {
            Title = $"Theme: {theme.Label}",
            Description = description.Length > 0 ? description : "No sentence carries this theme clearly enough to quote.",
            Color = Responses.AccentColor,
            Fields = Fields(theme, scopeTitle),
            Footer = new EmbedFooter("Sentences quoted verbatim from the sources, most representative first."),
        };
        return Responses.Message(embed, notices);
    }

    /// <summary>
    /// The store's other sources are not a theme: they share none with the rest, so there are no key terms to show.
    /// The answer says so, names them, and quotes each one's main point with its source.
    /// </summary>
    private static InteractionResponse RenderOther(Theme theme, string? scopeTitle, IReadOnlyList<string> notices)
    {
        int count = theme.Sources.Count;
        string intro = count == 1
            ? "This source shares no theme with the rest of the sources. Its main point:"
            : $"These {count} sources fit none of the themes and share none with the rest of the sources. Each one's main point:";
        string points = CitationText.JoinWithin(
            theme.Sentences.Select(s => CitationText.Format(s, withTitle: true)),
            DiscordLimits.EmbedDescriptionLength - 200 - intro.Length,
            out _);
        var embed = new Embed
        {
            Title = theme.Label,
            Description = points.Length > 0 ? intro + "\n\n" + points : intro.TrimEnd(':') + ".",
            Color = Responses.AccentColor,
            Fields =
            [
                new EmbedField(count == 1 ? "Source" : $"Sources ({count})", TitleList.Format(theme.Sources.Select(s => s.Title).ToList())),
                new EmbedField("Scope", scopeTitle ?? "all sources", Inline: true),
            ],
            Footer = new EmbedFooter("Sentences quoted verbatim from the sources. /summary source:<title> summarises one of them."),
        };
        return Responses.Message(embed, notices);
    }

    private static List<EmbedField> Fields(Theme theme, string? scopeTitle)
    {
        var fields = new List<EmbedField>
        {
            new("Key terms", theme.KeyTerms.Count > 0 ? DiscordText.EscapeMarkdown(string.Join(", ", theme.KeyTerms)) : "none"),
        };
        if (theme.Sources.Count > 0)
        {
            // which sources discuss it, so a member can check any of them with /summary source:
            fields.Add(new EmbedField($"Discussed by {ThemesCommand.ShareOf(theme)}", TitleList.Format(theme.Sources.Select(s => s.Title).ToList())));
        }
        else
        {
            fields.Add(new EmbedField("Share", ThemesCommand.FormatShare(theme.Share), Inline: true));
        }

        fields.Add(new EmbedField("Scope", scopeTitle ?? "all sources", Inline: true));
        return fields;
    }

    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken)
    {
        if (optionName == SourceOption.Name)
        {
            return await sources.SuggestAsync(typed, InteractionScope.Of(context.Interaction), cancellationToken);
        }

        if (optionName != NameOption)
        {
            return [];
        }

        // The theme list depends on the source already chosen, if any; an unknown source suggests store-wide themes.
        string? sourceTyped = context.GetString(SourceOption.Name);
        DocumentInfo? document = null;
        if (sourceTyped is not null)
        {
            document = await sources.ResolveOrNullAsync(sourceTyped, InteractionScope.Of(context.Interaction), cancellationToken);
        }

        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(document?.Id, InteractionScope.Of(context.Interaction), cancellationToken);
        return ThemeLookup.Suggest(themes, typed)
            .Take(DiscordLimits.Choices)
            .Select(t => new ApplicationCommandOptionChoice(t.Label, t.Label))
            .ToList();
    }
}
