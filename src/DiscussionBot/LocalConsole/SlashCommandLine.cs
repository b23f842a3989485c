using System.Text.RegularExpressions;

namespace DiscussionBot.LocalConsole;

/// <summary>
/// A slash command as typed in the console or given to <c>ask</c>: <c>/quote query:cannon fodder count:2</c>.
/// Options are written <c>name:value</c>; a value runs up to the next <c> name:</c> that names an option of
/// that command, so values may contain spaces and colons.
/// </summary>
public sealed partial record SlashCommandLine(string CommandName, IReadOnlyList<KeyValuePair<string, string>> Options)
{
    /// <summary>The option name given to words typed before any <c>name:</c>.</summary>
    public const string FreeTextOption = "text";

    /// <summary>The sub-command typed after the command's name (<c>/source add file:…</c>), if the command has sub-commands.</summary>
    public string? SubCommand { get; init; }

    /// <param name="optionNamesOf">The option names of a command, or null when the command is unknown.</param>
    /// <returns>null when the line is not a slash command at all.</returns>
    public static SlashCommandLine? Parse(string line, Func<string, IReadOnlyCollection<string>?> optionNamesOf)
    {
        string trimmed = line.Trim();
        if (!trimmed.StartsWith('/') || trimmed.Length < 2)
        {
            return null;
        }

        int space = trimmed.IndexOfAny([' ', '\t']);
        string name = (space < 0 ? trimmed[1..] : trimmed[1..space]).ToLowerInvariant();
        string rest = space < 0 ? string.Empty : trimmed[(space + 1)..].Trim();
        IReadOnlyCollection<string> known = optionNamesOf(name) ?? [];

        var options = new List<KeyValuePair<string, string>>();
        var starts = FindOptionStarts(rest, known);
        if (starts.Count == 0 || starts[0].Index > 0)
        {
            string leading = (starts.Count == 0 ? rest : rest[..starts[0].Index]).Trim();
            if (leading.Length > 0)
            {
                // "/quote cannon fodder" or "/quote foo:bar": an unknown name: stays visible so the bot can say so.
                Match unknown = UnknownOptionPattern().Match(leading);
                options.Add(unknown.Success
                    ? new(unknown.Groups[1].Value.ToLowerInvariant(), leading[unknown.Length..].Trim())
                    : new(FreeTextOption, leading));
            }
        }

        for (int i = 0; i < starts.Count; i++)
        {
            int valueStart = starts[i].Index + starts[i].Name.Length + 1;
            int valueEnd = i + 1 < starts.Count ? starts[i + 1].Index : rest.Length;
            options.Add(new(starts[i].Name, rest[valueStart..valueEnd].Trim()));
        }

        return new SlashCommandLine(name, options);
    }

    private static List<(int Index, string Name)> FindOptionStarts(string rest, IReadOnlyCollection<string> known)
    {
        var starts = new List<(int Index, string Name)>();
        foreach (Match match in OptionStartPattern().Matches(rest))
        {
            string candidate = match.Groups[1].Value;
            if (known.Contains(candidate, StringComparer.OrdinalIgnoreCase))
            {
                starts.Add((match.Groups[1].Index, candidate.ToLowerInvariant()));
            }
        }

        return starts;
    }

    // An option starts at the beginning or after whitespace: "name:".
    [GeneratedRegex(@"(?:^|(?<=\s))([A-Za-z][\w-]{0,31}):")]
    private static partial Regex OptionStartPattern();

    [GeneratedRegex(@"^([A-Za-z][\w-]{0,31}):")]
    private static partial Regex UnknownOptionPattern();
}
