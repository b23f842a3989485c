using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.LocalConsole;

/// <summary>Runs one typed slash command through the interaction pipeline, exactly as the gateway would.</summary>
public sealed class LocalCommandRunner(InteractionRouter router, LocalInteractionFactory interactions)
{
    public const string NotACommandHint = "Type a slash command such as /help or /quote query:cannon fodder.";

    /// <returns>null when the line is not a slash command.</returns>
    public async Task<InteractionResponse?> RunAsync(string line, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApplicationCommand> definitions = router.Definitions;
        SlashCommandLine? parsed = SlashCommandLine.Parse(line, name =>
            definitions.FirstOrDefault(d => d.Name == name)?.Options?.Select(o => o.Name).ToList());
        if (parsed is null)
        {
            return null;
        }

        Interaction interaction = interactions.Create(Normalize(parsed, definitions), definitions);
        return await router.HandleAsync(interaction, cancellationToken);
    }

    /// <summary>Presses a button of a message the console showed, exactly as a click on Discord would.</summary>
    public Task<InteractionResponse> PressAsync(string customId, InteractionCallbackData shown, CancellationToken cancellationToken) =>
        router.HandleAsync(interactions.CreateButtonPress(customId, shown), cancellationToken);

    /// <summary>Words typed before any option go to the command's first required text option: "/quote cannon fodder".</summary>
    private static SlashCommandLine Normalize(SlashCommandLine line, IReadOnlyList<ApplicationCommand> definitions)
    {
        ApplicationCommand? definition = definitions.FirstOrDefault(d => d.Name == line.CommandName);
        string? target = definition?.Options?
            .FirstOrDefault(o => o.Required == true && o.Type == ApplicationCommandOptionType.String)?.Name;
        if (target is null || line.Options.Any(o => o.Key == target))
        {
            return line;
        }

        return line with
        {
            Options = line.Options
                .Select(o => o.Key == SlashCommandLine.FreeTextOption ? new KeyValuePair<string, string>(target, o.Value) : o)
                .ToList(),
        };
    }
}
