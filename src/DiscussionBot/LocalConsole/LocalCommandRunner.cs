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
        (string commandLine, ApplicationCommandOption? sub) = SplitSubCommand(line, definitions);
        SlashCommandLine? parsed = SlashCommandLine.Parse(commandLine, name =>
            (sub?.Options ?? definitions.FirstOrDefault(d => d.Name == name)?.Options)?.Select(o => o.Name).ToList());
        if (parsed is null)
        {
            return null;
        }

        parsed = parsed with { SubCommand = sub?.Name };

        Interaction interaction = interactions.Create(Normalize(parsed, definitions), definitions);
        return await router.HandleAsync(interaction, cancellationToken);
    }

    /// <summary>Presses a button of a message the console showed, exactly as a click on Discord would.</summary>
    public Task<InteractionResponse> PressAsync(string customId, InteractionCallbackData shown, CancellationToken cancellationToken) =>
        router.HandleAsync(interactions.CreateButtonPress(customId, shown), cancellationToken);

    /// <summary>"/source add file:x" → ("/source file:x", the add sub-command); lines of commands without sub-commands are kept.</summary>
    private static (string Line, ApplicationCommandOption? SubCommand) SplitSubCommand(string line, IReadOnlyList<ApplicationCommand> definitions)
    {
        string[] words = line.Trim().Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !words[0].StartsWith('/'))
        {
            return (line, null);
        }

        ApplicationCommandOption? sub = definitions
            .FirstOrDefault(d => string.Equals(d.Name, words[0][1..], StringComparison.OrdinalIgnoreCase))?.Options?
            .FirstOrDefault(o => o.Type == ApplicationCommandOptionType.SubCommand && string.Equals(o.Name, words[1], StringComparison.OrdinalIgnoreCase));
        return sub is null ? (line, null) : ($"{words[0]} {(words.Length > 2 ? words[2] : string.Empty)}", sub);
    }

    /// <summary>Words typed before any option go to the command's first required text option: "/quote cannon fodder".</summary>
    private static SlashCommandLine Normalize(SlashCommandLine line, IReadOnlyList<ApplicationCommand> definitions)
    {
        ApplicationCommand? definition = definitions.FirstOrDefault(d => d.Name == line.CommandName);
        IReadOnlyList<ApplicationCommandOption>? options = line.SubCommand is null
            ? definition?.Options
            : definition?.Options?.FirstOrDefault(o => o.Name == line.SubCommand)?.Options;
        string? target = options?
            .FirstOrDefault(o => o.Required == true && o.Type is ApplicationCommandOptionType.String or ApplicationCommandOptionType.Attachment)?.Name;
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
