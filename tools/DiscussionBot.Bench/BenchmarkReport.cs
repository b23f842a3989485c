using System.Globalization;
using System.Runtime.InteropServices;

namespace DiscussionBot.Benchmarks;

/// <summary>Writes the suite's findings as Markdown tables, each with the load average when it was measured.</summary>
internal sealed class BenchmarkReport(TextWriter output)
{
    public TextWriter Output { get; } = output;

    public async Task MachineAsync(BenchmarkSettings settings)
    {
        string memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "n/a"
            : "n/a";
        await Output.WriteLineAsync("# DiscussionBot benchmark");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync($"- machine: {Environment.ProcessorCount} logical CPUs, {BenchmarkCommand.CpuModel()}, {memory} RAM, {RuntimeInformation.OSDescription}");
        await Output.WriteLineAsync($"- runtime: {RuntimeInformation.FrameworkDescription}, build: {BenchmarkCommand.Configuration}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        await Output.WriteLineAsync($"- load average at start (1/5/15 min): {Stats.LoadAverage()}");
        await Output.WriteLineAsync($"- phases: {string.Join(", ", settings.Phases)}; sizes: {string.Join(", ", settings.Sizes)}; eval data: {settings.Data ?? "(none)"}");
        if (BenchmarkCommand.Configuration != "Release")
        {
            await Output.WriteLineAsync("- WARNING: not a Release build; figures are not comparable to the budgets.");
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    public async Task NoteAsync(string text)
    {
        await Output.WriteLineAsync(text);
        await Output.FlushAsync();
    }

    public async Task ServingAsync(ServingResult result, bool synthetic, long storeBytes, double sourceMegabytes)
    {
        await Output.WriteLineAsync();
        await Output.WriteLineAsync($"## Serving: {result.Size} ({result.Documents} documents{(synthetic ? ", synthetic vectors" : ", real MiniLM vectors")})");
        await Output.WriteLineAsync($"load average before/after (1/5/15 min): {result.LoadBefore} / {result.LoadAfter}");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| command | n | p50 ms | p95 ms | p99 ms | max ms | CPU ms/req | refusals | p99 budget | | peak working set MB |");
        await Output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (CommandLatency c in result.Commands)
        {
            string verdict = c.P99 <= c.BudgetMs ? "met" : "MISSED";
            await Output.WriteLineAsync(
                $"| {c.Command} | {c.Samples} | {Stats.Ms(c.P50)} | {Stats.Ms(c.P95)} | {Stats.Ms(c.P99)} | {Stats.Ms(c.Max)} | {Stats.Ms(c.CpuMsPerRequest)} | {c.Refusals} | {c.BudgetMs:0} | {verdict} | {Stats.Mb(c.PeakWorkingSet)} |");
        }

        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| one-off cost | ms |");
        await Output.WriteLineAsync("|---|---:|");
        foreach ((string what, double ms) in result.FirstCalls)
        {
            await Output.WriteLineAsync($"| {what} | {Stats.Ms(ms)} |");
        }

        await Output.WriteLineAsync();
        await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Memory while serving: peak working set {Stats.Mb(result.PeakWorkingSet)} MB, peak managed heap {Stats.Mb(result.PeakManagedHeap)} MB, working set at the end {Stats.Mb(result.WorkingSetAfter)} MB. Store on disk: {Stats.Mb(storeBytes)} MB for {sourceMegabytes:0.00} MB of source text ({storeBytes / (1024.0 * 1024.0) / sourceMegabytes:0.0} MB/MB)."));
        await Output.WriteLineAsync("| memory stage | working set MB | managed heap after full GC MB | GC committed MB | resident anonymous / file-backed MB | peak working set during the stage MB |");
        await Output.WriteLineAsync("|---|---:|---:|---:|---:|---:|");
        foreach (MemoryStage s in result.MemoryStages)
        {
            await Output.WriteLineAsync(
                $"| {s.Stage} | {Stats.Mb(s.WorkingSet)} | {Stats.Mb(s.ManagedRetained)} | {Stats.Mb(s.GcCommitted)} | {Stats.Mb(s.Anonymous)} / {Stats.Mb(s.FileBacked)} | {Stats.Mb(s.StagePeak)} |");
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    public async Task IngestionAsync(string title, IReadOnlyList<IngestionResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        await Output.WriteLineAsync();
        await Output.WriteLineAsync($"## {title}");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| corpus | mode | docs | sentences | source MB | wall s | docs/s | MB/s | sentences/s | cores busy (CPU/wall) | store MB per source MB | load avg |");
        await Output.WriteLineAsync("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (IngestionResult r in results)
        {
            await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Corpus} | {r.Mode} | {r.Documents} | {r.Sentences} | {r.Megabytes:0.00} | {r.Wall.TotalSeconds:0.0} | {r.DocumentsPerSecond:0.0} | {r.MegabytesPerSecond:0.000} | {r.SentencesPerSecond:0} | {r.CoresBusy:0.00} | {r.StoreMbPerSourceMb:0.0} | {r.Load} |"));
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    public async Task FormatsAsync(IReadOnlyList<FormatResult> results)
    {
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("## Ingestion by source format (the same articles; lexical mode, so the differences are conversion)");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| format | files | source MB | convert only, ms/doc | ingest wall s | docs/s | source MB/s | stored characters | load avg |");
        await Output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (FormatResult r in results)
        {
            await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Format} | {r.Files} | {r.SourceMegabytes:0.00} | {r.ConvertMsPerDocument:0.00} | {r.Ingest.TotalSeconds:0.0} | {r.DocumentsPerSecond:0.0} | {r.SourceMegabytesPerSecond:0.00} | {r.StoredCharacters} | {Stats.LoadAverage()} |"));
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    public async Task EncoderAsync(EncoderResult result, int documents, double embeddingStep)
    {
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("## Raw encoder (MiniLM embedder alone)");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| sentences | from | wall s | sentences/s | cores busy | model load ms | load avg |");
        await Output.WriteLineAsync("|---:|---|---:|---:|---:|---:|---|");
        await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| {result.Sentences} | first {documents} SciFact abstracts, segmented as at ingestion | {result.Wall.TotalSeconds:0.0} | {result.SentencesPerSecond:0.0} | {result.CoresBusy:0.00} | {result.ModelLoadMs:0} | {result.Load} |"));
        if (!double.IsNaN(embeddingStep))
        {
            double ratio = embeddingStep / result.SentencesPerSecond;
            await Output.WriteLineAsync();
            await Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Ingestion's embedding step: {embeddingStep:0.0} sentences/s = {ratio:P0} of raw encoder throughput (budget: ≥ 80 %): {(ratio >= 0.8 ? "met" : "MISSED")}."));
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    public async Task ColdStartAsync(IReadOnlyList<ColdStartResult> results)
    {
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("## Cold start (child process `DiscussionBot ask`, warm store)");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| case | runs | first answer median ms | min | max | exit median ms | failures | budget 2000 ms | load avg |");
        await Output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (ColdStartResult r in results)
        {
            await Output.WriteLineAsync(
                $"| {r.Case} | {r.Runs} | {Stats.Ms(r.FirstAnswerMedianMs)} | {Stats.Ms(r.FirstAnswerMinMs)} | {Stats.Ms(r.FirstAnswerMaxMs)} | {Stats.Ms(r.ExitMedianMs)} | {r.Failures} | {(r.FirstAnswerMedianMs <= 2000 ? "met" : "MISSED")} | {r.Load} |");
        }

        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }

    /// <summary>The providers phase's summary: each command's latency from SQLite and from PostgreSQL side by side.</summary>
    public async Task ProvidersAsync(IReadOnlyList<(string Provider, ServingResult Result)> results)
    {
        await Output.WriteLineAsync();
        await Output.WriteLineAsync($"## Per-command latency by provider ({string.Join(" vs ", results.Select(r => r.Provider))}, same store content)");
        await Output.WriteLineAsync();
        await Output.WriteLineAsync("| command | " + string.Join(" | ", results.Select(r => $"{r.Provider} p50 ms | {r.Provider} p99 ms | {r.Provider} CPU ms/req")) + " |");
        await Output.WriteLineAsync("|---|" + string.Concat(results.Select(_ => "---:|---:|---:|")));
        foreach (string command in results[0].Result.Commands.Select(c => c.Command))
        {
            IEnumerable<string> cells = results.Select(r => r.Result.Commands.First(c => c.Command == command))
                .Select(c => $"{Stats.Ms(c.P50)} | {Stats.Ms(c.P99)} | {Stats.Ms(c.CpuMsPerRequest)}");
            await Output.WriteLineAsync($"| {command} | {string.Join(" | ", cells)} |");
        }

        foreach (string what in results[0].Result.FirstCalls.Select(f => f.What))
        {
            IEnumerable<string> cells = results.Select(r => r.Result.FirstCalls.First(f => f.What == what).Ms).Select(ms => $"{Stats.Ms(ms)} | |");
            await Output.WriteLineAsync($"| once: {what} | {string.Join(" | ", cells)} |");
        }

        await Output.WriteLineAsync(string.Join(", ", results.Select(r => $"load average {r.Provider}: {r.Result.LoadBefore} → {r.Result.LoadAfter}")));
        await Output.WriteLineAsync();
        await Output.FlushAsync();
    }
}
