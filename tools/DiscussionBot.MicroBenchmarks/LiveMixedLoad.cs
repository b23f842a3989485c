using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Hosting;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.MicroBenchmarks;

/// <summary>
/// Mixed load through the whole live path: the app's host in live mode (its gateway client, dispatch, handlers,
/// engines, SQLite store and REST client) against TestKit's fake Discord on loopback. Interactions arrive at a fixed
/// rate over the real WebSocket; the time to a visible answer is from sending the interaction to the fake Discord
/// receiving the answer the member sees (a type 4/7/8 callback, or the edit/follow-up after a deferral).
/// Each scenario starts a fresh host on the prepared store and sends its first interaction as soon as the gateway is
/// ready, so the figures include the first interactions after start.
/// </summary>
public static class LiveMixedLoad
{
    private const int LongDocuments = 40;

    // Abstracts per long document: about 180 sentences, so /themes on one takes a few hundred ms on an idle core (enough to need deferral under load).
    private const int AbstractsPerLongDocument = 20;

    private static readonly string[] Queries =
    [
        "effect of treatment on mortality", "what are the risks for patients", "is there evidence that it works",
        "how many people were affected", "what caused the increase", "gene expression in cancer cells",
        "vitamin d deficiency", "immune response to infection", "blood pressure in older adults", "antibiotic resistance",
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            await output.WriteLineAsync("usage: live-mixed-load <prepared store.db> <seeds folder> [rate/s=30] [seconds=20] [slow-every=20] [mode=Embedding]");
            return 2;
        }

        string source = Path.GetFullPath(args[0]);
        string seeds = Path.GetFullPath(args[1]);
        int rate = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        int seconds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        int slowEvery = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 20;
        string mode = args.Length > 5 ? args[5] : "Embedding";
        string folder = Path.Combine(Path.GetTempPath(), $"discussionbot-load-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            string store = Path.Combine(folder, "store.db");
            File.Copy(source, store);
            int documents = await AddLongDocumentsAsync(store, seeds, folder);

            // The first scenario also pays for the first JIT of every path in this process (as a freshly started bot does).
            Scenario cold = await RunScenarioAsync(store, seeds, mode, rate, seconds, slowEvery: 0);
            Scenario fastOnly = await RunScenarioAsync(store, seeds, mode, rate, seconds, slowEvery: 0);
            Scenario mixed = await RunScenarioAsync(store, seeds, mode, rate, seconds, slowEvery);
            await ReportAsync(output, documents, mode, rate, seconds, slowEvery, cold, fastOnly, mixed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    /// <summary>Adds documents long enough to make /themes slow (each a distinct run of abstracts, so no memo helps).</summary>
    private static async Task<int> AddLongDocumentsAsync(string store, string seeds, string folder)
    {
        // Lexically: embedding 40 long documents would take minutes; the engine serves a store with and without vectors alike.
        using IHost host = BuildHost(store, seeds, "Lexical", apiBaseUrl: null);
        IDocumentStore documents = host.Services.GetRequiredService<IDocumentStore>();
        IReadOnlyList<DocumentInfo> all = await documents.ListDocumentsAsync(CancellationToken.None);
        string longFolder = Path.Combine(folder, "long");
        Directory.CreateDirectory(longFolder);
        for (int i = 0; i < LongDocuments; i++)
        {
            var text = new StringBuilder($"Long digest number {i + 1}\n\n");
            foreach (DocumentInfo d in all.Skip(i * AbstractsPerLongDocument).Take(AbstractsPerLongDocument))
            {
                SourceDocument? document = await documents.GetDocumentAsync(d.Id, CancellationToken.None);
                text.Append(document!.Text.Trim()).Append("\n\n");
            }

            await File.WriteAllTextAsync(Path.Combine(longFolder, $"long-digest-{i + 1:00}.txt"), text.ToString());
        }

        await host.Services.GetRequiredService<IngestionService>().IngestPathsAsync([longFolder, seeds], CancellationToken.None);
        return (await documents.ListDocumentsAsync(CancellationToken.None)).Count;
    }

    private static async Task<Scenario> RunScenarioAsync(string store, string seeds, string mode, int rate, int seconds, int slowEvery)
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        var sent = new ConcurrentDictionary<string, (long At, bool Slow)>(StringComparer.Ordinal);
        var visible = new ConcurrentDictionary<string, (long At, bool Deferred)>(StringComparer.Ordinal);
        var deferred = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        discord.Rest.RequestReceived += request => Observe(request, Stopwatch.GetTimestamp(), deferred, visible);

        long started = Stopwatch.GetTimestamp();
        using IHost host = BuildHost(store, seeds, mode, discord.ApiBaseUrl);
        await host.StartAsync();
        await host.Services.GetRequiredService<GatewayClient>().Ready.WaitAsync(TimeSpan.FromMinutes(2));
        await discord.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session", TimeSpan.FromMinutes(1));
        double startMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        IReadOnlyList<DocumentInfo> documents = await host.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None);
        List<DocumentInfo> longOnes = documents.Where(d => d.Title.StartsWith("Long digest", StringComparison.Ordinal)).ToList();
        List<DocumentInfo> ordinary = documents.Where(d => !d.Title.StartsWith("Long digest", StringComparison.Ordinal)).ToList();
        var random = new Random(20261127);
        int total = rate * seconds;
        long begin = Stopwatch.GetTimestamp();
        for (int i = 0; i < total; i++)
        {
            TimeSpan due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(begin);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }

            bool slow = slowEvery > 0 && i % slowEvery == slowEvery / 2;
            Interaction interaction = slow
                ? FakeInteractions.SlashCommand("themes", ("source", longOnes[(i / slowEvery) % longOnes.Count].Title))
                : Fast(i, random, ordinary);
            sent[interaction.Token] = (Stopwatch.GetTimestamp(), slow);
            await discord.Gateway.SendInteractionAsync(interaction);
        }

        var deadline = Stopwatch.StartNew();
        while (visible.Count < total && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        await host.StopAsync();
        var fast = new List<double>();
        var slowTimes = new List<double>();
        int fastDeferred = 0, slowDeferred = 0, missing = 0;
        foreach ((string token, (long at, bool isSlow)) in sent)
        {
            if (!visible.TryGetValue(token, out (long At, bool Deferred) seen))
            {
                missing++;
                continue;
            }

            double ms = Stopwatch.GetElapsedTime(at, seen.At).TotalMilliseconds;
            (isSlow ? slowTimes : fast).Add(ms);
            if (seen.Deferred)
            {
                _ = isSlow ? slowDeferred++ : fastDeferred++;
            }
        }

        return new Scenario(startMs, Stats(fast), Stats(slowTimes), fastDeferred, slowDeferred, missing, Load());
    }

    private static Interaction Fast(int i, Random random, List<DocumentInfo> documents)
    {
        DocumentInfo d = documents[random.Next(documents.Count)];
        string title = d.Title.Length > 90 ? d.Title[..90] : d.Title;
        return (i % 6) switch
        {
            0 => FakeInteractions.SlashCommand("quote", ("query", Queries[random.Next(Queries.Length)]), ("count", "3")),
            1 => FakeInteractions.SlashCommand("summary", ("source", title), ("length", "short")),
            2 => FakeInteractions.SlashCommand("summary", ("length", "medium")),
            3 => FakeInteractions.SlashCommand("themes"),
            4 => FakeInteractions.SlashCommand("help"),
            _ => FakeInteractions.SlashCommand("quote", ("query", Queries[random.Next(Queries.Length)]), ("source", title)),
        };
    }

    /// <summary>Notes when the member first sees an answer: a callback that carries it, or the edit/follow-up after a deferral.</summary>
    private static void Observe(RecordedRequest request, long at, ConcurrentDictionary<string, bool> deferred, ConcurrentDictionary<string, (long, bool)> visible)
    {
        string[] parts = request.Path.Trim('/').Split('/');
        if (parts is ["interactions", _, string token, "callback"])
        {
            int type = JsonNode.Parse(request.Body)?["type"]?.GetValue<int>() ?? 0;
            if (type is 5 or 6)
            {
                deferred[token] = true;
            }
            else
            {
                visible.TryAdd(token, (at, false));
            }
        }
        else if (parts.Length >= 3 && parts[0] == "webhooks" && request.Method is "PATCH" or "POST")
        {
            visible.TryAdd(parts[2], (at, true));
        }
    }

    private static IHost BuildHost(string store, string seeds, string mode, string? apiBaseUrl)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = store,
            ["Store:SeedsPath"] = seeds,
            ["Engine:Mode"] = mode,
            ["Commands:CooldownBurst"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (apiBaseUrl is not null)
        {
            settings["Discord:Token"] = "bench-bot-token";
            settings["Discord:ApiBaseUrl"] = apiBaseUrl;
        }

        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(interactive: apiBaseUrl is null, configuration => configuration.AddInMemoryCollection(settings));
        if (apiBaseUrl is not null)
        {
            LiveMode.AddLiveServices(builder.Services, builder.Configuration);
        }

        return builder.Build();
    }

    private static Percentiles Stats(List<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        values.Sort();
        double At(double q) => values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
        return new Percentiles(values.Count, At(0.50), At(0.95), At(0.99), values[^1]);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task ReportAsync(TextWriter output, int documents, string mode, int rate, int seconds, int slowEvery, Scenario cold, Scenario fastOnly, Scenario mixed)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"## Mixed load through the live path ({documents} documents, Engine:Mode={mode}, {rate} interactions/s for {seconds} s, fake Discord on loopback)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("Time to visible answer, ms, from the first interaction after start (host start to READY excluded, shown apart).");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| scenario | commands | n | p50 | p95 | p99 | max | deferred | unanswered | start→ready ms | load avg |");
        await output.WriteLineAsync("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        await Row(output, "fast only, new process (cold JIT)", "fast", cold.Fast, cold.FastDeferred, cold.Missing, cold);
        await Row(output, "fast only", "fast", fastOnly.Fast, fastOnly.FastDeferred, fastOnly.Missing, fastOnly);
        await Row(output, $"1 in {slowEvery} slow", "fast", mixed.Fast, mixed.FastDeferred, mixed.Missing, mixed);
        await Row(output, $"1 in {slowEvery} slow", "slow (/themes on a long document)", mixed.Slow, mixed.SlowDeferred, 0, mixed);
        double growth = fastOnly.Fast.P99 > 0 ? (mixed.Fast.P99 / fastOnly.Fast.P99 - 1) * 100 : 0;
        await output.WriteLineAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Fast p99 with slow ones mixed in: {growth:+0;-0} % (budget ≤ +20 %); fast p99 from start: {fastOnly.Fast.P99:0.0} ms, {cold.Fast.P99:0.0} ms in a new process (budget ≤ 50 ms)."));
    }

    private static Task Row(TextWriter output, string scenario, string commands, Percentiles p, int deferred, int missing, Scenario s) =>
        output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {scenario} | {commands} | {p.Count} | {p.P50:0.0} | {p.P95:0.0} | {p.P99:0.0} | {p.Max:0.0} | {deferred} | {missing} | {s.StartMs:0} | {s.Load} |"));

    private sealed record Percentiles(int Count, double P50, double P95, double P99, double Max);

    private sealed record Scenario(double StartMs, Percentiles Fast, Percentiles Slow, int FastDeferred, int SlowDeferred, int Missing, string Load);
}
