using System.Globalization;
using System.Text.Json;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Benchmarks;

/// <summary>One corpus size of the suite: its documents, already in memory.</summary>
internal sealed record BenchmarkCorpus(string Name, string Description, IReadOnlyList<IncomingDocument> Documents)
{
    public long Characters => Documents.Sum(d => (long)d.Text.Length);

    public double Megabytes => Documents.Sum(d => (double)System.Text.Encoding.UTF8.GetByteCount(d.Text)) / (1024 * 1024);
}

/// <summary>
/// Loads the corpora: the seed folder, BBC news (summarization dev set), SciFact abstracts, and a 4x replica of
/// SciFact built in memory for the trend. Evaluation data is read in place and never copied into the repository.
/// </summary>
internal static class BenchmarkCorpora
{
    public const string Seed = "seed";
    public const string Bbc = "bbc";
    public const string SciFact = "scifact";
    public const string SciFact4x = "scifact4x";

    public static readonly string[] AllSizes = [Seed, Bbc, SciFact, SciFact4x];

    public static string BbcPath(string dataRoot) => Path.Combine(dataRoot, "summarization", "bbc_dev.jsonl");

    public static string SciFactPath(string dataRoot) => Path.Combine(dataRoot, "retrieval", "scifact_corpus.jsonl");

    /// <returns>null (with the reason) when the data for that size is absent.</returns>
    public static BenchmarkCorpus? Load(string size, string seedsFolder, string? dataRoot, out string? missing)
    {
        missing = null;
        switch (size)
        {
            case Seed:
                var reader = new SourceFileReader();
                var seeds = SourceFileReader.ExpandPaths([seedsFolder]).Select(reader.Read).ToList();
                return new BenchmarkCorpus(Seed, $"seeds/ ({seeds.Count} document{(seeds.Count == 1 ? string.Empty : "s")})", seeds);
            case Bbc:
                string? bbc = dataRoot is null ? null : BbcPath(dataRoot);
                if (bbc is null || !File.Exists(bbc))
                {
                    missing = $"BBC data not found ({bbc ?? "no --data folder"})";
                    return null;
                }

                return new BenchmarkCorpus(Bbc, "BBC news, summarization dev set", ReadJsonl(bbc, "id", "bbc").ToList());
            case SciFact or SciFact4x:
                string? sci = dataRoot is null ? null : SciFactPath(dataRoot);
                if (sci is null || !File.Exists(sci))
                {
                    missing = $"SciFact data not found ({sci ?? "no --data folder"})";
                    return null;
                }

                var abstracts = ReadJsonl(sci, "_id", "scifact").ToList();
                if (size == SciFact)
                {
                    return new BenchmarkCorpus(SciFact, "SciFact abstracts", abstracts);
                }

                var replica = Enumerable.Range(0, 4)
                    .SelectMany(copy => abstracts.Select(d => copy == 0 ? d : d with
                    {
                        SourceName = $"copy{copy}_{d.SourceName}",
                        Title = $"{d.Title} (copy {copy + 1})",
                    }))
                    .ToList();
                return new BenchmarkCorpus(SciFact4x, "SciFact x4 (replicated in memory)", replica);
            default:
                throw new Cli.UsageException($"Unknown size '{size}'. Sizes: {string.Join(", ", AllSizes)}.");
        }
    }

    /// <summary>The sentences SciFact ships with each abstract, for the raw encoder measurement.</summary>
    public static List<string> SciFactSentences(string dataRoot, int documents)
    {
        var sentences = new List<string>();
        foreach (string line in File.ReadLines(SciFactPath(dataRoot)).Take(documents))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("sentences", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                sentences.AddRange(list.EnumerateArray().Select(s => s.GetString() ?? string.Empty).Where(s => s.Length > 0));
            }
        }

        return sentences;
    }

    private static IEnumerable<IncomingDocument> ReadJsonl(string path, string idField, string prefix)
    {
        int line = 0;
        foreach (string row in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(row))
            {
                continue;
            }

            using JsonDocument json = JsonDocument.Parse(row);
            JsonElement root = json.RootElement;
            string id = root.TryGetProperty(idField, out JsonElement idValue)
                ? idValue.ValueKind == JsonValueKind.String ? idValue.GetString()! : idValue.GetRawText()
                : line.ToString(CultureInfo.InvariantCulture);
            string title = root.TryGetProperty("title", out JsonElement t) ? t.GetString() ?? id : id;
            string text = SourceFileReader.NormalizeText(root.GetProperty("text").GetString() ?? string.Empty);
            if (text.Trim().Length == 0)
            {
                continue;
            }

            string safe = string.Concat(id.Select(c => char.IsLetterOrDigit(c) ? c : '_'));
            yield return new IncomingDocument($"{prefix}_{safe}.txt", title.Trim().Length == 0 ? id : title.Trim(), text, SourceFileReader.HashText(text));
        }
    }
}
