using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// The Explain buttons under /themes: the same answer as /theme for that theme. A button names its theme by id
/// and the store revision it was drawn from, so a click after the sources changed still explains the same theme
/// if it exists, and says politely that the list is out of date if it does not.
/// </summary>
public sealed class ExplainThemeButton(IThemeEngine engine, ScopeDocumentVersions versions) : IComponentHandler
{
    public const string ButtonPrefix = "explain";

    public string Prefix => ButtonPrefix;

    public static IReadOnlyList<MessageComponent> For(IReadOnlyList<Theme> themes, long? scope, long revision)
    {
        string rev = revision.ToString(CultureInfo.InvariantCulture);
        return themes
            .Take(DiscordLimits.ButtonsPerRow * 2)
            .Select(t => MessageComponent.Button(t.Label, $"{ButtonPrefix}:{ButtonScope.Format(scope)}:{t.Id}:{rev}"))
            .Chunk(DiscordLimits.ButtonsPerRow)
            .Select(row => MessageComponent.Row(row))
            .ToList();
    }

    public async Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count != 3 || !long.TryParse(arguments[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long revision))
        {
            throw ButtonScope.Outdated("themes");
        }

        long? scope = ButtonScope.Parse(arguments[0], "themes");
        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(scope, InteractionScope.Of(interaction), cancellationToken);
        Theme? theme = themes.FirstOrDefault(t => t.Id == arguments[1]);
        bool changed = revision != await versions.GetAsync(InteractionScope.Of(interaction), cancellationToken);
        if (theme is null)
        {
            throw new CommandInputException(changed
                ? "The sources changed since that list of themes was posted, and this theme is no longer among them. Run `/themes` again for the current themes."
                : "I can no longer find that theme. Run `/themes` again for the current themes.");
        }

        string[] notices = changed ? ["The sources changed since that list was posted; this is the theme as it reads now."] : [];
        return ThemeCommand.Render(theme, scopeTitle: null, notices);
    }
}
