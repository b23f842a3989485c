using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using DiscussionBot.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>
/// The whole-program benchmark (the <c>bench</c> verb): command latency through the whole interaction pipeline,
/// ingestion throughput, raw encoder throughput and cold start, at several corpus sizes. Prints Markdown tables.
/// Run it from a Release build (bench/run.sh does), never as part of the tests.
/// </summary>
public static class BenchmarkCommand
{
    public const string Help = """
        Usage: dotnet run -c Release --project tools/DiscussionBot.Bench -- [--phase all|prepare|serve|ingest|formats|encoder|cold|long|big1|big8|big1-embedding|big8-embedding|sourceadd|providers] [--sizes seed,bbc,scifact,scifact4x]
              [--data <eval-data-folder>] [--work <folder>] [--queries N] [--rounds N]
              [--subset N] [--cold-runs N] [--max-seconds N] [--no-synthetic-vectors] [--app <path>] [--postgres <connection>] [--big-megabytes N]
              [--warm-up N]

          Measures the bot in this process (Release build expected; bench/run.sh builds and runs it all).
          --phase     prepare: build one store per size (lexical ingestion is measured; larger sizes then get
                      synthetic unit vectors so serving pays for the dense search); serve: command latency
                      (prepares the store if missing); ingest: lexical vs embedding ingestion of --subset SciFact
                      abstracts; formats: --subset BBC articles written as .txt, .html, .md and .pdf files, each
                      converted alone and ingested (lexical); encoder: raw MiniLM throughput on the same
                      sentences; cold: `ask` as child processes;
                      long: /themes and /summary of one 600-paragraph document (first call, then 200 calls);
                      big1 / big8: lexical ingestion of 8 MB of plain text as one file / eight files (run each in
                      its own process: the peak working set reported is the process's); big1-embedding /
                      big8-embedding: the same in embedding mode (MiniLM vectors for every sentence);
                      providers: each --sizes corpus ingested (lexical) into SQLite and into PostgreSQL, both given
                      the same synthetic vectors, then every command timed against each store.
          --data      folder holding summarization/bbc_dev.jsonl and retrieval/scifact_corpus.jsonl
                      (default: $DISCUSSIONBOT_EVAL_DATA). Sizes whose data is absent are reported and skipped.
          --work      where stores are built (default: a new temporary folder, deleted afterwards).
          --queries   queries per command per round (default 200); --rounds (default 3): p50/p95/p99 are the
                      medians of the rounds' percentiles. --max-seconds (default 15): a command's round stops
                      after that long once it has 20 samples.
          --subset    SciFact abstracts for the ingestion and encoder phases (default 500).
          --app       the app the cold phase starts (apphost or .dll; default: the DiscussionBot.dll built beside this tool).
          --big-megabytes  plain text the big1/big8 phases ingest (default 8; smaller sizes show the growth per MB quickly).
          --warm-up   calls of each command before its timed rounds in the serve phase (default 5). The runtime
                      optimises a method after 30 calls, in the background: with 5, the first round still runs
                      (and pays for compiling) code that is not optimised yet; 40 times steady-state serving.
          --postgres  the server the providers phase creates (and drops) its database on, e.g.
                      "Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres" (default: $DISCUSSIONBOT_TEST_POSTGRES,
                      else a throwaway cluster from the installed server binaries, as the tests start: fsync off).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        BenchmarkSettings settings = BenchmarkSettings.Parse(args);
        string seeds = new SeedOptions().ResolveFolder()
            ?? throw new Cli.UsageException("the seeds/ folder was not found; run from the checkout (or set Store__SeedsPath).");
        if (Environment.GetEnvironmentVariable("Store__SeedsPath") is { Length: > 0 } configured)
        {
            seeds = Path.GetFullPath(configured);
        }

        bool ownWork = settings.Work is null;
        string work = settings.Work ?? Path.Combine(Path.GetTempPath(), $"discussionbot-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(work);
        var report = new BenchmarkReport(output);
        await report.MachineAsync(settings);
        try
        {
            var suite = new BenchmarkSuite(settings, seeds, work, report);
            foreach (string phase in settings.Phases)
            {
                await suite.RunPhaseAsync(phase, ct);
            }
        }
        finally
        {
            if (ownWork)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(work, recursive: true);
            }
        }

        return Cli.ExitCodes.Success;
    }

    internal static string Configuration =>
        typeof(BenchmarkCommand).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    internal static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

/// <summary>The bench verb's options.</summary>
internal sealed record BenchmarkSettings(
    IReadOnlyList<string> Phases,
    IReadOnlyList<string> Sizes,
    string? Data,
    string? Work,
    int Queries,
    int Rounds,
    int Subset,
    int ColdRuns,
    bool SyntheticVectors,
    double MaxSeconds,
    string? App,
    string? Postgres = null)
{
    /// <summary>Plain text the big1/big8 phases ingest, in MB (the issue's figure is 8).</summary>
    public int BigMegabytes { get; init; } = 8;

    /// <summary>Calls of each command before the serve phase times it.</summary>
    public int WarmUp { get; init; } = 5;

    public static BenchmarkSettings Parse(string[] args)
    {
        var phases = new List<string> { "all" };
        IReadOnlyList<string> sizes = BenchmarkCorpora.AllSizes;
        string? data = Environment.GetEnvironmentVariable("DISCUSSIONBOT_EVAL_DATA");
        string? work = null;
        string? app = null;
        string? postgres = null;
        int queries = 200, rounds = 3, subset = 500, coldRuns = 5, maxSeconds = 15;
        int bigMegabytes = 8;
        int warmUp = 5;
        bool synthetic = true;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new Cli.UsageException($"{args[i]} needs a value.");
            int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                ? n
                : throw new Cli.UsageException($"{args[i - 1]} needs a positive whole number.");
            switch (args[i])
            {
                case "--phase":
                    phases = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    break;
                case "--sizes":
                    sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--data":
                    data = Value();
                    break;
                case "--work":
                    work = Path.GetFullPath(Value());
                    break;
                case "--app":
                    app = Path.GetFullPath(Value());
                    break;
                case "--queries":
                    queries = Number();
                    break;
                case "--rounds":
                    rounds = Number();
                    break;
                case "--subset":
                    subset = Number();
                    break;
                case "--max-seconds":
                    maxSeconds = Number();
                    break;
                case "--cold-runs":
                    coldRuns = Number();
                    break;
                case "--big-megabytes":
                    bigMegabytes = Number();
                    break;
                case "--warm-up":
                    warmUp = Number();
                    break;
                case "--postgres":
                    postgres = Value();
                    break;
                case "--no-synthetic-vectors":
                    synthetic = false;
                    break;
                default:
                    throw new Cli.UsageException($"bench has no option '{args[i]}'. Run with --help.");
            }
        }

        if (phases.Contains("all"))
        {
            phases = ["prepare", "serve", "ingest", "formats", "encoder", "cold"];
        }

        string[] known = ["prepare", "serve", "ingest", "formats", "encoder", "cold", "long", "big1", "big8", "big1-embedding", "big8-embedding", "sourceadd", "providers"];
        if (phases.FirstOrDefault(p => !known.Contains(p)) is { } unknown)
        {
            throw new Cli.UsageException($"Unknown phase '{unknown}'. Phases: all, {string.Join(", ", known)}.");
        }

        if (sizes.FirstOrDefault(s => !BenchmarkCorpora.AllSizes.Contains(s)) is { } size)
        {
            throw new Cli.UsageException($"Unknown size '{size}'. Sizes: {string.Join(", ", BenchmarkCorpora.AllSizes)}.");
        }

        return new BenchmarkSettings(phases, sizes, string.IsNullOrWhiteSpace(data) ? null : data, work, queries, rounds, subset, coldRuns, synthetic, maxSeconds, app, postgres)
        {
            BigMegabytes = bigMegabytes,
            WarmUp = warmUp,
        };
    }
}
