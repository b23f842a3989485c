using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/themes [source]</c>: what the sources are about, with key terms and how much of the text discusses each.</summary>
public sealed class ThemesCommand(IThemeEngine engine, SourceOption sources, ScopeDocumentVersions versions) : ICommandHandler
{
    public ApplicationCommand Definition { get; } = new()
    {
        Name = "themes",
        Description = "List the themes the sources discuss, with key terms and how much text each takes",
        Options = [SourceOption.Definition("Only this source (leave empty for all sources)")],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        DocumentInfo? document = await sources.ResolveAsync(context, cancellationToken);
        DocumentScope visible = InteractionScope.Of(context.Interaction);
        long revision = await versions.GetAsync(visible, cancellationToken);
        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(document?.Id, visible, cancellationToken);
        string scope = document?.Title ?? "all sources";
        if (themes.Count == 0)
        {
            return Responses.Message(
                new Embed { Title = $"Themes in {scope}", Description = "I found no themes: the text is too short to tell what it is about.", Color = Responses.WarningColor },
                context.Notices);
        }

        var embed = new Embed
        {
            Title = $"Themes in {scope}",
            Color = Responses.AccentColor,
            Fields = themes.Take(DiscordLimits.EmbedFieldCount).Select(t => new EmbedField($"{t.Label} · {ShareOf(t)}", Explain(t))).ToList(),
            Footer = new EmbedFooter(themes.Any(t => t.Sources.Count > 0)
                ? "Each source is in one theme. /theme name:<theme> shows which sources and the sentences that carry it."
                : "Share = part of the text that discusses the theme. /theme name:<theme> shows the sentences that carry one."),
        };
        return Responses.Message(embed, context.Notices, ExplainThemeButton.For(themes, document?.Id, revision));
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        sources.AutocompleteAsync(context, optionName, typed, cancellationToken);

    /// <summary>A theme's key terms; for the store's other sources, which sources fit none of the themes.</summary>
    internal static string Explain(Theme theme) => theme.IsOther
        ? "Fit none of the themes above: " + TitleList.Format(theme.Sources.Select(s => s.Title).ToList(), reserve: 32)
        : "Key terms: " + DiscordText.EscapeMarkdown(string.Join(", ", theme.KeyTerms));

    /// <summary>"12 sources" for a theme of the store, "35% of the text" for a theme of one text.</summary>
    internal static string ShareOf(Theme theme) =>
        theme.Sources.Count > 0 ? (theme.Sources.Count == 1 ? "1 source" : $"{theme.Sources.Count} sources") : FormatShare(theme.Share);

    internal static string FormatShare(double share) =>
        share >= 0.995 ? "all of the text" : $"{Math.Max(1, Math.Round(share * 100)).ToString(CultureInfo.InvariantCulture)}% of the text";
}
