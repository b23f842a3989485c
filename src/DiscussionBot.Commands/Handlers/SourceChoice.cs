using System.Globalization;
using System.Text.Json;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// When what a member typed as a source matches several documents: the candidates, and (where few, and the
/// command's other options fit in a custom id) one button per candidate that runs the same command on it.
/// Custom id: <c>pick:&lt;document id&gt;:&lt;command&gt;:&lt;options&gt;</c>, the options as escaped <c>name=value</c> pairs.
/// </summary>
public static class SourceChoice
{
    public const string Prefix = "pick";

    /// <summary>At most this many candidates get buttons (one row); more are listed with their ids.</summary>
    public const int MaxButtons = 5;

    public const int MaxListed = 10;

    public static InteractionResponse Render(CommandContext context, string typed, IReadOnlyList<DocumentInfo> candidates)
    {
        string shown = DiscordText.EscapeMarkdown(DiscordText.Clip(typed, 80));
        var lines = candidates.Take(MaxListed)
            .Select(d => $"• {DiscordText.EscapeMarkdown(DiscordText.Clip(d.Title, 150))} (`source:{d.Id.ToString(CultureInfo.InvariantCulture)}`)")
            .ToList();
        if (candidates.Count > MaxListed)
        {
            lines.Add($"…and {candidates.Count - MaxListed} more: type more of the title.");
        }

        List<MessageComponent>? buttons = candidates.Count <= MaxButtons ? Buttons(context, candidates) : null;
        string ask = buttons is null ? "Run the command again with one of them as `source`." : "Pick one:";
        InteractionResponse reply = Responses.Ephemeral($"“{shown}” matches {candidates.Count} sources. {ask}\n{string.Join("\n", lines)}");
        return reply with { Data = reply.Data! with { Components = buttons } };
    }

    /// <summary>The command and options a pick button carries, with the source replaced by the chosen document.</summary>
    public static (string Command, IReadOnlyList<InteractionDataOption> Options) Parse(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 3 || !long.TryParse(arguments[0], NumberStyles.None, CultureInfo.InvariantCulture, out long documentId))
        {
            throw new CommandInputException("That choice is from an older version of me. Run the command again.");
        }

        var options = new List<InteractionDataOption> { StringOption(SourceOption.Name, documentId.ToString(CultureInfo.InvariantCulture)) };
        foreach (string pair in arguments[2].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', 2);
            if (parts.Length == 2)
            {
                options.Add(StringOption(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1])));
            }
        }

        return (arguments[1], options);
    }

    private static List<MessageComponent>? Buttons(CommandContext context, IReadOnlyList<DocumentInfo> candidates)
    {
        string options = string.Join("&", (context.Interaction.Data?.Options ?? [])
            .Where(o => o.Name != SourceOption.Name && o.ValueAsString() is not null)
            .Select(o => $"{Uri.EscapeDataString(o.Name)}={Uri.EscapeDataString(o.ValueAsString()!)}"));
        var buttons = new List<MessageComponent>();
        foreach (DocumentInfo candidate in candidates)
        {
            string customId = $"{Prefix}:{candidate.Id.ToString(CultureInfo.InvariantCulture)}:{context.Definition.Name}:{options}";
            if (customId.Length > DiscordLimits.CustomIdLength)
            {
                // The other options (a long query) do not fit in a button: the list with ids is the way.
                return null;
            }

            buttons.Add(MessageComponent.Button(DiscordText.Clip(candidate.Title, DiscordLimits.ButtonLabelLength), customId));
        }

        return [MessageComponent.Row(buttons)];
    }

    private static InteractionDataOption StringOption(string name, string value)
    {
        using JsonDocument json = JsonDocument.Parse($"\"{JsonEncodedText.Encode(value)}\"");
        return new InteractionDataOption { Name = name, Type = ApplicationCommandOptionType.String, Value = json.RootElement.Clone() };
    }
}

/// <summary>A candidate's button under an ambiguous source: runs the member's command again on that document.</summary>
public sealed class PickSourceButton(IEnumerable<ICommandHandler> commands) : IComponentHandler
{
    public string Prefix => SourceChoice.Prefix;

    public Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        (string command, IReadOnlyList<InteractionDataOption> options) = SourceChoice.Parse(arguments);
        ICommandHandler handler = commands.FirstOrDefault(c => c.Definition.Name == command)
            ?? throw new CommandInputException("That choice is from an older version of me. Run the command again.");
        Interaction rerun = interaction with
        {
            Type = InteractionType.ApplicationCommand,
            Data = new InteractionData { Name = command, Type = ApplicationCommandType.ChatInput, Options = options },
        };
        return handler.ExecuteAsync(new CommandContext(rerun, handler.Definition), cancellationToken);
    }
}
