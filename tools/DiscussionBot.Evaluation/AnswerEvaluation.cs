using System.Diagnostics;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Hosting;
using DiscussionBot.Text.Answers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Evaluation;

/// <summary>
/// <c>answers</c>: ingests a corpus into a real SQLite store through the app's own host and ingestion use case,
/// then asks every question through the engine behind <c>/quote</c> (<see cref="IQuoteEngine"/>, as the command
/// does) and writes <c>{"id", "passages", "scores", "verdict"}</c> rows for answer_eval.py.
/// </summary>
internal static class AnswerEvaluation
{
    public const string Usage =
        """
        answers       --corpus <corpus.jsonl> --questions <qa.jsonl> --out <pred.jsonl> [--store <db>] [--count 10]
                      [--mode lexical|embedding] [--model ArcticXs|MiniLM] [--no-abstain] [--set Section:Key=value ...]
          --store       keep the store in this file and reuse it on the next run (default: a temporary file, deleted)
          --no-abstain  always write every passage (no abstention, no margin), with the engine's confidence as
                        every row's first score, so that answer_eval.py --sweep can choose the abstention threshold
          --features    also write every question's re-ranked candidates with their features (for tuning offline)
          --set         any configuration value for this run, e.g. --set Engine:Quotes:DocumentPriorWeight=0.5
        """;

    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        string? keep = options.GetValueOrDefault("store");
        string storePath = keep is null ? Path.Combine(Path.GetTempPath(), $"discussionbot-answers-{Guid.NewGuid():N}.db") : Path.GetFullPath(keep);
        bool abstain = !options.ContainsKey("no-abstain");
        int count = options.TryGetValue("count", out string? c) ? int.Parse(c, System.Globalization.CultureInfo.InvariantCulture) : 10;
        var configuration = new Dictionary<string, string?>
        {
            ["Store:Path"] = storePath,
            ["Store:SeedsPath"] = Path.Combine(Path.GetTempPath(), "discussionbot-no-seeds"),
            ["Engine:Mode"] = options.GetValueOrDefault("mode", "embedding"),

            // ingestion encodes on every core; the questions are then answered as the bot answers them
            ["Engine:EmbeddingThreads"] = "1",
        };
        if (options.TryGetValue("model", out string? model))
        {
            configuration["Engine:Model"] = model;
        }

        if (!abstain)
        {
            configuration["Engine:Quotes:ShownScoreRatio"] = "0";
            foreach (string calibration in new[] { "MiniLm", "ArcticXs", "Lexical" })
            {
                configuration[$"Engine:Quotes:{calibration}:AnswerThreshold"] = "-1000";
                configuration[$"Engine:Quotes:{calibration}:ClosestThreshold"] = "-1000";
                configuration[$"Engine:Quotes:{calibration}:AbsentNameCosine"] = "0";
            }
        }

        EvaluationData.AddSettings(configuration, settings);

        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(interactive: true, b => b.AddInMemoryCollection(configuration));
        using IHost host = builder.Build();
        try
        {
            var clock = Stopwatch.StartNew();
            var documents = EvaluationData.ReadJsonl(EvaluationData.Required(options, "corpus"))
                .Select(row =>
                {
                    string text = SourceFileReader.NormalizeText((string)row["text"]!);
                    return new IncomingDocument($"{(string)row["_id"]!}.txt", (string?)row["title"] ?? (string)row["_id"]!, text, SourceFileReader.HashText(text));
                })
                .ToList();
            IngestionReport report = await host.Services.GetRequiredService<IngestionService>().IngestAsync(documents, cancellationToken);
            double ingestSeconds = clock.Elapsed.TotalSeconds;

            var engine = host.Services.GetRequiredService<IQuoteEngine>();
            var rows = new List<JsonObject>();
            var latencies = new List<double>();
            var verdicts = new Dictionary<QuoteVerdict, int>();
            await engine.FindQuotesAsync(new QuoteRequest("warm up", null, 1), cancellationToken);
            await using StreamWriter? features = options.TryGetValue("features", out string? featurePath) ? new StreamWriter(featurePath) : null;
            foreach (JsonObject question in EvaluationData.ReadJsonl(EvaluationData.Required(options, "questions")))
            {
                long started = Stopwatch.GetTimestamp();
                QuoteResult result = await engine.FindQuotesAsync(new QuoteRequest((string)question["question"]!, null, count), cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                verdicts[result.Verdict] = verdicts.GetValueOrDefault(result.Verdict) + 1;
                if (features is not null)
                {
                    await features.WriteLineAsync(await CandidateFeatures.LineAsync(host.Services, question["id"]!, (string)question["question"]!, _ => null, cancellationToken));
                }

                // "not in the sources" and "closest passages; none answers directly" both count as abstaining
                bool answered = !abstain || result.Verdict == QuoteVerdict.Answered;
                IReadOnlyList<QuoteMatch> shown = answered ? result.Matches : [];
                rows.Add(new JsonObject
                {
                    ["id"] = question["id"]!.DeepClone(),
                    ["passages"] = new JsonArray(shown.Select(m => (JsonNode)JsonValue.Create(m.Sentence.Text)).ToArray()),
                    ["scores"] = new JsonArray(shown.Select((m, i) => (JsonNode)JsonValue.Create(Math.Round(i == 0 ? result.Confidence : m.Score, 6))).ToArray()),
                    ["verdict"] = result.Verdict.ToString(),
                });
            }

            await EvaluationData.WriteJsonlAsync(EvaluationData.Required(options, "out"), rows, cancellationToken);
            latencies.Sort();
            await Console.Out.WriteLineAsync(
                $"answers: {documents.Count} documents (ingested {report.Added.Count + report.Updated.Count}, {ingestSeconds:F1} s), {rows.Count} questions, " +
                $"verdicts {string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key} {v.Value}"))}, " +
                $"p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms, working set {Environment.WorkingSet / (1024 * 1024)} MB");
            return 0;
        }
        finally
        {
            if (keep is null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string file in new[] { storePath, storePath + "-wal", storePath + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }
}
