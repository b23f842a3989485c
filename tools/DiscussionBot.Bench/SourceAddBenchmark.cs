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
using DiscussionBot.Sources;
using DiscussionBot.TestKit.FakeDiscord;
using DiscussionBot.Text.Answers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>
/// <c>/source add</c> end to end: the app's live host against TestKit's fake Discord on loopback (gateway, REST and
/// attachment CDN). Timed from sending the interaction over the gateway to the fake Discord receiving the answer the
/// moderator sees: the type-4 callback, or after a deferral (type 5, at <c>Live:DeferAfterMilliseconds</c>) the edit
/// of the original response. The attachment download, conversion, segmentation, analysis and the write are included.
/// In embedding mode the answer comes after the words-only analysis; the sentence vectors are computed in the
/// background, and the time until they are stored (from the same start) is reported beside it.
/// Then the memory of per-server corpus snapshots: what the operator's snapshot costs, and what each server with
/// documents of its own adds on top of it (its rows, not a copy of the operator's).
/// </summary>
internal static class SourceAddBenchmark
{
    private const int Servers = 8;
    private static readonly int[] LexicalSizes = [20 * 1024, 200 * 1024, 1024 * 1024];
    private static readonly int[] EmbeddingSizes = [20 * 1024, 200 * 1024];

    public static async Task RunAsync(BenchmarkCorpus prose, string? memoryStore, string work, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        await report.NoteAsync("`/source add` end to end through the fake Discord (attachment download included), one fresh store per mode:");
        await report.NoteAsync(string.Empty);
        await report.NoteAsync("| mode | file | sentences | answer | deferral sent (ms) | answer seen (ms) | vectors stored (ms) |");
        await report.NoteAsync("|---|---|---|---|---|---|---|");
        await RunModeAsync("Lexical", LexicalSizes, prose, work, seeds, report, cancellationToken);
        await RunModeAsync("Embedding", EmbeddingSizes, prose, work, seeds, report, cancellationToken);
        await report.NoteAsync(string.Empty);
        if (memoryStore is not null)
        {
            await MemoryAsync(memoryStore, seeds, report, cancellationToken);
        }
    }

    private static async Task RunModeAsync(string mode, int[] sizes, BenchmarkCorpus prose, string work, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        string store = Path.Combine(work, $"source-add-{mode.ToLowerInvariant()}.db");
        IngestionBenchmark.DeleteStore(store);
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync(cancellationToken);
        var seen = new ConcurrentDictionary<string, (long At, string Body)>(StringComparer.Ordinal);
        discord.Rest.RequestReceived += request => seen.TryAdd($"{request.Method} {request.Path}", (Stopwatch.GetTimestamp(), request.Body));
        using IHost host = Build(store, seeds, mode, discord);
        await host.StartAsync(cancellationToken);
        await host.Services.GetRequiredService<GatewayClient>().Ready.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        await discord.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session", TimeSpan.FromMinutes(1));
        var vectorsStored = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        TaskCompletionSource<long> Stored(string file) => vectorsStored.GetOrAdd(file, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        host.Services.GetRequiredService<BackgroundAnalysisService>().Processed += (pending, _) =>
            Stored(pending.Source.Owner?.Origin ?? string.Empty).TrySetResult(Stopwatch.GetTimestamp());
        bool background = mode == "Embedding";

        // The first add pays for the first JIT of the path (and in embedding mode the model load): not reported.
        await AddAsync(discord, seen, Document(prose, 2 * 1024, $"warm-up {mode}"), "warm-up.txt", cancellationToken);
        if (background)
        {
            await Stored("warm-up.txt").Task.WaitAsync(TimeSpan.FromMinutes(15), cancellationToken);
        }

        foreach (int size in sizes)
        {
            string text = Document(prose, size, $"{mode} {size}");
            string file = $"bench-{size / 1024}k.txt";
            (long sent, double? deferredMs, double answerMs, string answer) = await AddAsync(discord, seen, text, file, cancellationToken);
            // One add at a time: the next one is not measured while this one's encoder still runs.
            double? vectorsMs = background && answer == "added"
                ? Stopwatch.GetElapsedTime(sent, await Stored(file).Task.WaitAsync(TimeSpan.FromMinutes(30), cancellationToken)).TotalMilliseconds
                : null;
            DocumentInfo? added = (await host.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken))
                .FirstOrDefault(d => d.Owner?.Origin == file);
            await report.NoteAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {mode} | {Encoding.UTF8.GetByteCount(text) / 1024} KB | {added?.SentenceCount.ToString(CultureInfo.InvariantCulture) ?? "–"} | {answer} | {(deferredMs is { } d ? d.ToString("0", CultureInfo.InvariantCulture) : "– (inline)")} | {answerMs:0} | {(vectorsMs is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "–")} |"));
        }


        await host.StopAsync(cancellationToken);
    }

    /// <returns>When it was sent, when the deferral reached Discord (if any), when the answer did, and what it said.</returns>
    private static async Task<(long Sent, double? DeferredMs, double AnswerMs, string Answer)> AddAsync(
        FakeDiscordServer discord, ConcurrentDictionary<string, (long At, string Body)> seen, string text, string name, CancellationToken cancellationToken)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Interaction add = FakeInteractions.SourceAdd(discord.Attachments.Add(name, bytes), name, bytes.Length);
        string callback = $"POST /interactions/{add.Id}/{add.Token}/callback";
        string edit = $"PATCH /webhooks/{discord.ApplicationId}/{add.Token}/messages/@original";
        long sent = Stopwatch.GetTimestamp();
        await discord.Gateway.SendInteractionAsync(add);
        await discord.Rest.WaitForRequestAsync(r => $"{r.Method} {r.Path}" == callback, timeout: TimeSpan.FromMinutes(10));
        (long callbackAt, string callbackBody) = seen[callback];
        if (JsonNode.Parse(callbackBody)!["type"]!.GetValue<int>() != 5)
        {
            return (sent, null, Stopwatch.GetElapsedTime(sent, callbackAt).TotalMilliseconds, Outcome(callbackBody));
        }

        await discord.Rest.WaitForRequestAsync(r => $"{r.Method} {r.Path}" == edit, timeout: TimeSpan.FromMinutes(10));
        (long editAt, string editBody) = seen[edit];
        cancellationToken.ThrowIfCancellationRequested();
        return (sent, Stopwatch.GetElapsedTime(sent, callbackAt).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, editAt).TotalMilliseconds, Outcome(editBody));
    }

    private static string Outcome(string body) =>
        body.Contains("Added:", StringComparison.Ordinal) ? "added" : $"refused: {body[..Math.Min(body.Length, 80)]}";

    /// <summary>About <paramref name="bytes"/> of real prose, opened by a unique headline (so no two runs are duplicates).</summary>
    private static string Document(BenchmarkCorpus prose, int bytes, string label)
    {
        var text = new StringBuilder($"Benchmark document {label}\n\n");
        int start = Math.Abs(label.GetHashCode(StringComparison.Ordinal)) % Math.Max(1, prose.Documents.Count);
        for (int i = 0; Encoding.UTF8.GetByteCount(text.ToString()) < bytes; i++)
        {
            text.Append(prose.Documents[(start + i) % prose.Documents.Count].Text.Trim()).Append("\n\n");
        }

        return text.ToString();
    }

    /// <summary>Managed memory of the operator's snapshot and of each server's snapshot on top of it.</summary>
    private static async Task MemoryAsync(string store, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        // Lexical, so no model is loaded during the measurement; the store's vectors are still in every snapshot.
        using IHost host = BenchmarkHost.Build(store, seeds, "Lexical");
        var cache = host.Services.GetRequiredService<CorpusCache>();
        var ingestion = host.Services.GetRequiredService<IngestionService>();
        long before = Managed();
        await cache.WarmUpAsync(DocumentScope.OperatorOnly, cancellationToken);
        long operatorSnapshot = Managed() - before;
        for (int server = 1; server <= Servers; server++)
        {
            string text = $"Server {server} notes\n\nThe club in server {server} meets on Fridays to discuss the week's articles. Members bring snacks and questions.";
            await ingestion.AddForGuildAsync(
                new IncomingDocument($"guild/{server}/bench", $"Server {server} notes", text, SourceFileReader.HashText(text))
                {
                    Owner = new DocumentOwner((ulong)server, 1, "bench", "bench"),
                },
                new GuildSourceLimits(),
                cancellationToken);
        }

        await cache.WarmUpAsync(DocumentScope.OperatorOnly, cancellationToken); // kept: the operator's documents did not change
        long withoutServers = Managed();
        var build = new List<double>();
        for (int server = 1; server <= Servers; server++)
        {
            long started = Stopwatch.GetTimestamp();
            await cache.WarmUpAsync(DocumentScope.ForGuild((ulong)server), cancellationToken);
            build.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        long perServer = (Managed() - withoutServers) / Servers;
        int rows = (await host.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken)).Sum(d => d.SentenceCount);
        await report.NoteAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Per-server snapshots on {Path.GetFileName(store)} ({rows:N0} sentences): the operator's snapshot {Stats.Mb(operatorSnapshot)} MB managed; each of {Servers} servers with one document of its own adds {perServer / 1024.0:0} KB (a copy would add the operator's size again), built in {build.Min():0.0}–{build.Max():0.0} ms (median {build.Order().ElementAt(build.Count / 2):0.0} ms; the first command in that server after an add or remove pays it). Servers without documents and DMs share the operator's snapshot."));
        await report.NoteAsync(string.Empty);
    }

    private static long Managed()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static IHost Build(string store, string seeds, string mode, FakeDiscordServer discord) =>
        BenchmarkHost.Build(
            store,
            seeds,
            mode,
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Discord:Token"] = "bench-bot-token",
                ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
                ["Sources:AllowedHosts:0"] = discord.BaseUri.Host,
            },
            builder => LiveMode.AddLiveServices(builder.Services, builder.Configuration));
}
