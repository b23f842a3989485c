using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;
using DiscussionBot.LocalConsole;
using DiscussionBot.Text.Answers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>One command's latencies through the whole pipeline at one corpus size.</summary>
/// <param name="CpuMsPerRequest">Process CPU time per request (all threads), the median over rounds: what the
/// command costs regardless of how loaded the machine is.</param>
/// <param name="PeakWorkingSet">The process's peak working set while this command's rounds ran.</param>
internal sealed record CommandLatency(string Command, int Samples, double P50, double P95, double P99, double Max, double CpuMsPerRequest, int Refusals, double BudgetMs, long PeakWorkingSet);

/// <summary>What one serving run measured at one corpus size.</summary>
internal sealed record ServingResult(
    string Size,
    int Documents,
    double SnapshotLoadMs,
    IReadOnlyList<(string What, double Ms)> FirstCalls,
    IReadOnlyList<CommandLatency> Commands,
    long PeakWorkingSet,
    long PeakManagedHeap,
    long WorkingSetAfter,
    string LoadBefore,
    string LoadAfter,
    IReadOnlyList<MemoryStage> MemoryStages);

/// <summary>
/// The process's memory at one stage of serving, after a full collection: working set, live managed memory, what the
/// GC holds committed, resident anonymous and file-backed pages, and the peak working set during the stage (since the
/// previous stage; the peak so far where the kernel cannot restart its count).
/// </summary>
internal sealed record MemoryStage(string Stage, long WorkingSet, long ManagedRetained, long GcCommitted, long Anonymous, long FileBacked, long StagePeak);

/// <summary>
/// Per-command latency through the whole pipeline: interaction JSON in (deserialized with
/// <see cref="DiscordJsonContext"/>), <see cref="InteractionRouter.HandleAsync"/>, response JSON out.
/// Queries are varied and drawn from the corpus itself; each round uses fresh queries.
/// </summary>
/// <remarks>A command's round stops early once it has run <c>maxSecondsPerRound</c> and has at least 20 samples, so a slow
/// command at the largest size cannot hold the suite for an hour; the n column shows how many were taken.</remarks>
internal sealed class ServingBenchmark(IHost host, BenchmarkCorpus corpus, int queriesPerRound, int rounds, double maxSecondsPerRound, bool seedBudgets)
{
    private static readonly string[] Lengths = ["short", "medium", "long"];

    private static readonly string[] Questions =
    [
        "why were troops sent abroad", "what did the government promise", "who is responsible for the decision",
        "how much did profits rise", "what are the risks for patients", "effect of treatment on mortality",
        "what happened to the economy", "is there evidence that it works", "what do critics say",
        "how many people were affected", "what caused the increase", "when will the results be known",
    ];

    private readonly Random _random = new(20261127);

    /// <summary>Calls of each command before its timed rounds (see the bench's --warm-up).</summary>
    public int WarmUpCalls { get; init; } = 5;
    private readonly InteractionRouter _router = host.Services.GetRequiredService<InteractionRouter>();
    private readonly Dictionary<string, string[]> _words = [];
    private long _sequence;
    private long _peakBeforeReset;

    public async Task<ServingResult> RunAsync(CancellationToken cancellationToken)
    {
        string loadBefore = Stats.LoadAverage();
        var stages = new List<MemoryStage> { Stage("host built, store opened") };
        using var memory = new MemorySampler();

        // The snapshot every cross-document command shares, loaded once per store revision.
        long started = Stopwatch.GetTimestamp();
        await host.Services.GetRequiredService<CorpusCache>().WarmUpAsync(cancellationToken);
        double snapshotMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        stages.Add(Stage("+ corpus snapshot loaded"));

        IReadOnlyList<DocumentInfo> documents = await host.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken);
        var byName = corpus.Documents.ToDictionary(d => d.SourceName, StringComparer.Ordinal);
        var usable = documents.Where(d => byName.ContainsKey(d.SourceName)).ToList();

        // First calls pay for what is computed once per revision (store summary, store themes) or per process (the model);
        // a stage after each shows which of them raises the peak working set.
        var firstCalls = new List<(string, double)> { ("snapshot load (CorpusCache)", snapshotMs) };
        firstCalls.Add(("first /summary (whole store)", await TimeOneAsync(Command("summary", ("length", "medium")), cancellationToken)));
        stages.Add(Stage("+ store summary memoized"));
        firstCalls.Add(("first /themes (whole store)", await TimeOneAsync(Command("themes"), cancellationToken)));
        stages.Add(Stage("+ store themes memoized"));
        started = Stopwatch.GetTimestamp();
        _ = host.Services.GetRequiredService<Text.Embeddings.ISentenceEmbedder>().IsAvailable;
        firstCalls.Add(("model load", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        stages.Add(Stage("+ model loaded"));
        firstCalls.Add(("first /quote", await TimeOneAsync(Command("quote", ("query", "what did the study find")), cancellationToken)));
        stages.Add(Stage("+ first /quote"));
        IThemeEngine themes = host.Services.GetRequiredService<IThemeEngine>();
        var storeThemes = (await themes.FindThemesAsync(null, cancellationToken)).Select(t => t.Label).ToList();
        var sourceThemes = new List<(DocumentInfo Document, string Label)>();
        foreach (DocumentInfo d in Enumerable.Range(0, Math.Min(20, usable.Count)).Select(_ => usable[_random.Next(usable.Count)]).Distinct())
        {
            sourceThemes.AddRange((await themes.FindThemesAsync(d.Id, cancellationToken)).Select(t => (d, t.Label)));
        }

        var generators = new List<(string Name, double Budget, Func<string> Next)>
        {
            ("/summary source (one source)", Budget(false), () => Command("summary", ("source", SourceValue(Pick(usable))), ("length", Lengths[_random.Next(3)]))),
            ("/summary (whole store)", Budget(false), () => Command("summary", ("length", Lengths[_random.Next(3)]))),
            ("/themes (whole store)", Budget(false), () => Command("themes")),
            ("/themes source (one source)", Budget(false), () => Command("themes", ("source", SourceValue(Pick(usable))))),
            ("/theme name (store or source)", Budget(false), () => NextTheme(storeThemes, sourceThemes)),
            ("/quote (all sources)", Budget(false), () => Command("quote", ("query", Query(Pick(usable), byName)), ("count", 3))),
            ("/quote source (one source)", Budget(false), () =>
            {
                DocumentInfo d = Pick(usable);
                return Command("quote", ("query", Query(d, byName)), ("source", SourceValue(d)), ("count", 3));
            }),
            ("autocomplete source", Budget(true), () => Autocomplete(Pick(usable))),
        };

        // Warm the JIT on every path before timing.
        foreach ((_, _, Func<string> next) in generators)
        {
            for (int i = 0; i < WarmUpCalls; i++)
            {
                await TimeOneAsync(next(), cancellationToken);
            }
        }

        var perRound = generators.ToDictionary(g => g.Name, _ => new List<(double P50, double P95, double P99, double Cpu)>());
        var all = generators.ToDictionary(g => g.Name, _ => new List<double>());
        var refusals = generators.ToDictionary(g => g.Name, _ => 0);
        var peaks = generators.ToDictionary(g => g.Name, _ => 0L);
        long warmUpPeak = TakePeak();
        for (int round = 0; round < rounds; round++)
        {
            foreach ((string name, _, Func<string> next) in generators)
            {
                var samples = new List<double>(queriesPerRound);
                TakePeak();
                var cpu = new CpuMeter();
                for (int i = 0; i < queriesPerRound && (i < 20 || cpu.Wall.TotalSeconds < maxSecondsPerRound); i++)
                {
                    (double ms, bool refused) = await TimeAsync(next(), cancellationToken);
                    samples.Add(ms);
                    refusals[name] += refused ? 1 : 0;
                }

                peaks[name] = Math.Max(peaks[name], TakePeak());
                samples.Sort();
                all[name].AddRange(samples);
                double cpuMs = cpu.Cpu.TotalMilliseconds / samples.Count;
                perRound[name].Add((Stats.Percentile(samples, 50), Stats.Percentile(samples, 95), Stats.Percentile(samples, 99), cpuMs));
            }
        }

        var commands = generators.Select(g => new CommandLatency(
            g.Name,
            all[g.Name].Count,
            Stats.Median(perRound[g.Name].Select(r => r.P50)),
            Stats.Median(perRound[g.Name].Select(r => r.P95)),
            Stats.Median(perRound[g.Name].Select(r => r.P99)),
            all[g.Name].Max(),
            Stats.Median(perRound[g.Name].Select(r => r.Cpu)),
            refusals[g.Name],
            g.Budget,
            peaks[g.Name])).ToList();

        memory.Sample();
        _peakBeforeReset = Math.Max(_peakBeforeReset, Math.Max(warmUpPeak, peaks.Values.Max()));
        stages.Add(Stage("after the timed rounds"));
        using var process = Process.GetCurrentProcess();
        return new ServingResult(
            corpus.Name,
            usable.Count,
            snapshotMs,
            firstCalls,
            commands,
            Math.Max(stages.Max(s => s.StagePeak), memory.PeakWorkingSet),
            memory.PeakManaged,
            process.WorkingSet64,
            loadBefore,
            Stats.LoadAverage(),
            stages);
    }

    /// <summary>
    /// The memory at one stage of serving (see <see cref="MemoryStage"/>); the peak is read before the full collection,
    /// then restarted so the next stage reports its own.
    /// </summary>
    private MemoryStage Stage(string name)
    {
        long peak = TakePeak();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        (long anonymous, long file, _) = ProcessMemory.Read();
        using var process = Process.GetCurrentProcess();
        var stage = new MemoryStage(name, process.WorkingSet64, managed, committed, anonymous, file, peak);
        TakePeak();
        return stage;
    }

    /// <summary>
    /// The peak working set since the last call (or since the start), and restarts the count; where the kernel cannot
    /// restart it, the peak so far (never less than what an earlier call returned).
    /// </summary>
    private long TakePeak()
    {
        long peak = Math.Max(ProcessMemory.Read().Peak, _peakBeforeReset);
        _peakBeforeReset = ProcessMemory.ResetPeak() ? 0 : peak;
        return peak;
    }

    private double Budget(bool autocomplete) => autocomplete ? 10 : seedBudgets ? 25 : 50;

    private async Task<double> TimeOneAsync(string json, CancellationToken cancellationToken) => (await TimeAsync(json, cancellationToken)).Ms;

    private async Task<(double Ms, bool Refused)> TimeAsync(string json, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        Interaction interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction)!;
        InteractionResponse response = await _router.HandleAsync(interaction, cancellationToken);
        string sent = JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse);
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        bool refused = sent.Length == 0 ||
                       (response.Data?.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral)) ||
                       (response.Type == InteractionCallbackType.ApplicationCommandAutocompleteResult && response.Data?.Choices is not { Count: > 0 });
        return (ms, refused);
    }

    private DocumentInfo Pick(List<DocumentInfo> documents) => documents[_random.Next(documents.Count)];

    /// <summary>What Discord sends for a picked source: the title, or the id when the title is too long for a choice value.</summary>
    private static string SourceValue(DocumentInfo document) =>
        document.Title.Length <= DiscordLimits.ChoiceLength ? document.Title : document.Id.ToString(CultureInfo.InvariantCulture);

    private string NextTheme(List<string> storeThemes, List<(DocumentInfo Document, string Label)> sourceThemes)
    {
        if (sourceThemes.Count > 0 && (storeThemes.Count == 0 || _random.Next(2) == 0))
        {
            (DocumentInfo document, string label) = sourceThemes[_random.Next(sourceThemes.Count)];
            return Command("theme", ("name", label), ("source", SourceValue(document)));
        }

        return Command("theme", ("name", storeThemes.Count > 0 ? storeThemes[_random.Next(storeThemes.Count)] : "unknown theme"));
    }

    /// <summary>Two to four content words from one of the document's sentences, or (one time in four) a question in plain words.</summary>
    private string Query(DocumentInfo document, Dictionary<string, Core.Ingestion.IncomingDocument> byName)
    {
        if (_random.Next(4) == 0)
        {
            return Questions[_random.Next(Questions.Length)];
        }

        if (!_words.TryGetValue(document.SourceName, out string[]? words))
        {
            words = byName[document.SourceName].Text
                .Split([' ', '\n', '\t', ',', '.', ';', ':', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= 4 && w.All(char.IsLetter))
                .ToArray();
            _words[document.SourceName] = words;
        }

        if (words.Length == 0)
        {
            return Questions[_random.Next(Questions.Length)];
        }

        int start = _random.Next(Math.Max(1, words.Length - 8));
        int take = 2 + _random.Next(3);
        return string.Join(' ', words.Skip(start).Take(8).OrderBy(_ => _random.Next()).Take(take));
    }

    private string Autocomplete(DocumentInfo document)
    {
        string title = document.Title;
        int length = Math.Min(title.Length, 1 + _random.Next(8));
        string typed = _random.Next(3) == 0 && title.Contains(' ', StringComparison.Ordinal)
            ? title.Split(' ')[1][..Math.Min(title.Split(' ')[1].Length, length)]
            : title[..length];
        Interaction interaction = Build("quote", InteractionType.ApplicationCommandAutocomplete, [
            Option("query", "something"),
            Option("source", typed) with { Focused = true },
        ]);
        return JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
    }

    private string Command(string name, params (string Name, object Value)[] options)
    {
        Interaction interaction = Build(name, InteractionType.ApplicationCommand, options.Select(o => Option(o.Name, o.Value)).ToList());
        return JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);
    }

    private static InteractionDataOption Option(string name, object value)
    {
        bool integer = value is int;
        string json = integer
            ? ((int)value).ToString(CultureInfo.InvariantCulture)
            : JsonSerializer.Serialize((string)value, BenchJsonContext.Default.String);
        using JsonDocument document = JsonDocument.Parse(json);
        return new InteractionDataOption
        {
            Name = name,
            Type = integer ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String,
            Value = document.RootElement.Clone(),
        };
    }

    private Interaction Build(string name, InteractionType type, List<InteractionDataOption> options)
    {
        long n = Interlocked.Increment(ref _sequence);
        return new Interaction
        {
            Id = new Snowflake((ulong)(1_000_000 + n)),
            ApplicationId = new Snowflake(775799577604522054),
            Type = type,
            Data = new InteractionData
            {
                Id = new Snowflake(771825006014889984),
                Name = name,
                Type = ApplicationCommandType.ChatInput,
                Options = options.Count > 0 ? options : null,
            },
            GuildId = new Snowflake(290926798626357999),
            ChannelId = new Snowflake(645027906669510667),
            Member = new GuildMember
            {
                // Members rotate so the per-member cooldown never answers instead of the command.
                User = new User { Id = new Snowflake((ulong)(53908232506183680 + (n % 64))), Username = "bench" },
                Permissions = "2147483647",
            },
            Token = "bench-token",
            AppPermissions = "2251799813801984",
            Locale = "en-US",
        };
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class BenchJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
