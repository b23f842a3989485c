using System.Globalization;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>
/// One command invocation: the interaction and its options, checked against the command's definition.
/// Option getters validate and cap values; anything a member should know about (a shortened query)
/// is collected in <see cref="Notices"/> and shown with the answer.
/// </summary>
public sealed class CommandContext
{
    private readonly Dictionary<string, InteractionDataOption> _options;
    private readonly List<string> _notices = [];

    public CommandContext(Interaction interaction, ApplicationCommand definition)
    {
        Interaction = interaction;
        Definition = definition;
        _options = new Dictionary<string, InteractionDataOption>(StringComparer.Ordinal);
        foreach (InteractionDataOption option in interaction.Data?.Options ?? [])
        {
            _options[option.Name] = option;
        }
    }

    public Interaction Interaction { get; }

    public ApplicationCommand Definition { get; }

    public IReadOnlyList<string> Notices => _notices;

    /// <summary>Names given that the command does not define.</summary>
    public IEnumerable<string> UnknownOptions =>
        _options.Keys.Where(name => Definition.Options?.Any(o => o.Name == name) != true);

    public void AddNotice(string notice) => _notices.Add(notice);

    /// <summary>A string option, trimmed; null when absent or blank. Longer values are cut to the definition's max length, with a notice.</summary>
    public string? GetString(string name)
    {
        if (!_options.TryGetValue(name, out InteractionDataOption? option))
        {
            return null;
        }

        string? value = option.ValueAsString()?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        int? max = Definition.Options?.FirstOrDefault(o => o.Name == name)?.MaxLength;
        if (max is { } limit && value.Length > limit)
        {
            value = value[..limit].TrimEnd();
            AddNotice($"Your `{name}` was longer than {limit} characters, so I used only its first {limit}.");
        }

        return value;
    }

    public string GetRequiredString(string name) =>
        GetString(name) ?? throw new CommandInputException(
            $"`/{Definition.Name}` needs the `{name}` option, for example: {CommandExamples.For(Definition.Name)}");

    /// <summary>An integer option within the definition's range; out-of-range values are brought into it, with a notice.</summary>
    public int? GetInteger(string name)
    {
        if (!_options.TryGetValue(name, out InteractionDataOption? option))
        {
            return null;
        }

        string? raw = option.ValueAsString()?.Trim();
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ||
            double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new CommandInputException($"`{name}` must be a whole number, not “{DiscordText.Clip(raw, 40)}”.");
        }

        ApplicationCommandOption? definition = Definition.Options?.FirstOrDefault(o => o.Name == name);
        long min = definition?.MinValue ?? int.MinValue;
        long max = definition?.MaxValue ?? int.MaxValue;
        double clamped = Math.Clamp(Math.Round(number), min, max);
        if (clamped != number)
        {
            AddNotice($"`{name}` must be a whole number from {min} to {max}, so I used {clamped.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (int)clamped;
    }

    /// <summary>A string option restricted to the definition's choices (matched without regard to case).</summary>
    public string? GetChoice(string name)
    {
        string? value = GetString(name);
        if (value is null)
        {
            return null;
        }

        IReadOnlyList<ApplicationCommandOptionChoice> choices =
            Definition.Options?.FirstOrDefault(o => o.Name == name)?.Choices ?? [];
        ApplicationCommandOptionChoice? match = choices.FirstOrDefault(c =>
            string.Equals(c.Value, value, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(c.Name, value, StringComparison.OrdinalIgnoreCase));
        return match?.Value ?? throw new CommandInputException(
            $"`{name}` must be one of: {string.Join(", ", choices.Select(c => $"`{c.Value}`"))}.");
    }
}
