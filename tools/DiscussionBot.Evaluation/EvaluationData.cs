using System.Text.Json;
using System.Text.Json.Nodes;

namespace DiscussionBot.Evaluation;

/// <summary>Command-line options and the JSONL files of the evaluation kit.</summary>
internal static class EvaluationData
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            }
        }

        return options;
    }

    public static string Required(IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out string? value) ? value : throw new KeyNotFoundException($"--{name} is required");

    public static IEnumerable<JsonObject> ReadJsonl(string path) =>
        File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonNode.Parse(l)!.AsObject());

    public static async Task WriteJsonlAsync(string path, IEnumerable<JsonObject> rows, CancellationToken cancellationToken)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var writer = new StreamWriter(path);
        foreach (JsonObject row in rows)
        {
            await writer.WriteLineAsync(row.ToJsonString(Compact).AsMemory(), cancellationToken);
        }
    }

    /// <summary>
    /// Writes each <c>--set Section:Key=value</c> into <paramref name="configuration"/> (a later one wins); an
    /// argument without "=" is a usage error.
    /// </summary>
    public static void AddSettings(IDictionary<string, string?> configuration, IEnumerable<string> settings)
    {
        foreach (string setting in settings)
        {
            int equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new KeyNotFoundException($"--set takes Section:Key=value (got '{setting}')");
            }

            configuration[setting[..equals]] = setting[(equals + 1)..];
        }
    }

    /// <summary>Every value of an option that may be given more than once (e.g. --set A=1 --set B=2).</summary>
    public static List<string> Repeated(string[] args, string name) =>
        args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]).ToList();
}
