using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>The Explain buttons under /themes: the same answer as /theme for that theme.</summary>
public sealed class ExplainThemeButton(IThemeEngine engine) : IComponentHandler
{
    public const string ButtonPrefix = "explain";

    public string Prefix => ButtonPrefix;

    public static IReadOnlyList<MessageComponent> For(IReadOnlyList<Theme> themes, long? scope)
    {
        return themes
            .Take(DiscordLimits.ButtonsPerRow * 2)
            .Select((t, i) => MessageComponent.Button(t.Label, $"{ButtonPrefix}:{ButtonScope.Format(scope)}:{i}"))
            .Chunk(DiscordLimits.ButtonsPerRow)
            .Select(row => MessageComponent.Row(row))
            .ToList();
    }

    public async Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (arguments.Count != 2 || !int.TryParse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            throw ButtonScope.Outdated("themes");
        }

        long? scope = ButtonScope.Parse(arguments[0], "themes");
        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(scope, cancellationToken);
        if (index >= themes.Count)
        {
            throw new CommandInputException("The themes changed since that message (the sources were updated). Run `/themes` again.");
        }

        return ThemeCommand.Render(themes[index], scopeTitle: null, []);
    }
}
