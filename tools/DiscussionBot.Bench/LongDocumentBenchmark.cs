using System.Diagnostics;
using System.Globalization;
using System.Text;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>
/// Long documents: <c>/themes</c> and <c>/summary</c> of one 600-paragraph document (first call, then repeated
/// calls), and ingesting one 8 MB plain-text file against eight 1 MB files (wall time and the process's peak
/// working set; each run in its own process so the peak is its own).
/// </summary>
internal static class LongDocumentBenchmark
{
    public const int Paragraphs = 600;
    private const int Repeats = 200;

    /// <summary>Paragraphs of real prose: BBC articles when the data is there, else the seeds, cycled.</summary>
    public static List<string> Prose(BenchmarkCorpus source, int paragraphs)
    {
        var pool = source.Documents
            .SelectMany(d => d.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(p => p.Length > 80)
            .ToList();
        return Enumerable.Range(0, paragraphs).Select(i => pool[i % pool.Count]).ToList();
    }

    public static IncomingDocument Document(string name, IEnumerable<string> paragraphs)
    {
        string text = string.Join("\n\n", paragraphs) + "\n";
        return new IncomingDocument(name, name, text, SourceFileReader.HashText(text));
    }

    public static async Task ServeAsync(BenchmarkCorpus source, string work, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        IncomingDocument document = Document("long-600.txt", Prose(source, Paragraphs));
        var corpus = new BenchmarkCorpus("long-600", $"one document of {Paragraphs} paragraphs", [document]);
        string store = Path.Combine(work, "long.db");
        IngestionResult ingested = await IngestionBenchmark.RunAsync(corpus, corpus.Documents, store, seeds, "Lexical", chunk: 1, cancellationToken);
        int vectors = IngestionBenchmark.FillSyntheticVectors(store, 384);
        using IHost host = BenchmarkHost.Build(store, seeds, "Embedding");
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        long id = (await documents.ListDocumentsAsync(cancellationToken)).Single(d => d.SourceName == document.SourceName).Id;
        var themes = host.Services.GetRequiredService<IThemeEngine>();
        var summaries = host.Services.GetRequiredService<ISummaryEngine>();

        (double themesFirst, double themesFirstCpu, List<double> themesLater) = await TimeAsync(() => themes.FindThemesAsync(id, cancellationToken));
        (double summaryFirst, double summaryFirstCpu, List<double> summaryLater) = await TimeAsync(() => summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), cancellationToken));
        string answers = Path.Combine(work, "long-answers.txt");
        await File.WriteAllTextAsync(
            answers,
            Answers(await themes.FindThemesAsync(id, cancellationToken), await summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), cancellationToken)),
            cancellationToken);
        await report.NoteAsync(
            $"Long document: {Paragraphs} paragraphs, {Encoding.UTF8.GetByteCount(document.Text) / 1024} KB, {ingested.Sentences} sentences " +
            $"(lexical ingestion {ingested.Wall.TotalSeconds:0.0} s, then {vectors} synthetic 384-d vectors), Engine:Mode=Embedding.");
        await report.NoteAsync($"Load average at the end {Stats.LoadAverage()}. The first call's CPU is the whole process's (JIT and GC threads included): on a loaded machine it stays near what the call costs, while its wall time grows.");
        await report.NoteAsync("| command | first call (ms) | first call CPU (ms) | later calls p50 (ms) | later calls p99 (ms) |");
        await report.NoteAsync("|---|---|---|---|---|");
        await report.NoteAsync($"| /themes source:<long> | {themesFirst:0} | {themesFirstCpu:0} | {Stats.Percentile(themesLater, 50):0.00} | {Stats.Percentile(themesLater, 99):0.00} |");
        await report.NoteAsync($"| /summary source:<long> (medium) | {summaryFirst:0} | {summaryFirstCpu:0} | {Stats.Percentile(summaryLater, 50):0.00} | {Stats.Percentile(summaryLater, 99):0.00} |");
        await report.NoteAsync($"The answers' text (to compare two builds' outputs): {answers}");
        await report.NoteAsync(string.Empty);
    }

    /// <summary>Ingests <paramref name="megabytes"/> MB of plain text (8 in the issue), as one file (<paramref name="files"/> = 1) or split into that many files, in the given Engine:Mode.</summary>
    public static async Task IngestBigAsync(
        BenchmarkCorpus source, int files, string mode, int megabytes, string work, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        int bytes = megabytes * 1024 * 1024;
        var paragraphs = new List<string>();
        int size = 0;
        List<string> pool = Prose(source, 5000);
        for (int i = 0; size < bytes; i++)
        {
            string p = pool[i % pool.Count];
            paragraphs.Add(p);
            size += Encoding.UTF8.GetByteCount(p) + 2;
        }

        int per = (paragraphs.Count + files - 1) / files;
        var documents = paragraphs.Chunk(per).Select((chunk, i) => Document($"big-{files}-{i}.txt", chunk)).ToList();
        var corpus = new BenchmarkCorpus($"{megabytes} MB as {files} file{(files == 1 ? string.Empty : "s")}", "plain text", documents);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var stages = new IngestionStages(Path.Combine(work, $"big-{files}-{mode}.timeline.csv"));
        IngestionResult result = await IngestionBenchmark.RunAsync(
            corpus, documents, Path.Combine(work, $"big-{files}-{mode}.db"), seeds, mode, chunk: 1000, cancellationToken, stages: stages);
        long peak = stages.PeakWorkingSet;
        await report.NoteAsync(
            $"| {corpus.Name} | {result.Megabytes:0.0} | {result.Sentences} | {result.Wall.TotalSeconds:0.0} | {peak / (1024 * 1024)} | {mode.ToLowerInvariant()} |");
        await report.NoteAsync(string.Empty);
        await report.NoteAsync($"Stages of that ingestion (load average at the end {Stats.LoadAverage()}): each stage's wall time over all its calls and its peaks; the peak working set is the kernel's (exact), the others sampled every 50 ms; a timeline, one sample a second, is in the work folder.");
        await report.NoteAsync("| stage | wall (s) | peak working set (MB) | peak resident anonymous (MB) | peak managed heap (MB) | peak GC committed (MB) |");
        await report.NoteAsync("|---|---:|---:|---:|---:|---:|");
        foreach (IngestionStage s in stages.Stages)
        {
            await report.NoteAsync(
                $"| {s.Name} | {s.Wall.TotalSeconds:0.0} | {Stats.Mb(s.PeakWorkingSet)} | {Stats.Mb(s.PeakAnonymous)} | {Stats.Mb(s.PeakManaged)} | {Stats.Mb(s.PeakGcCommitted)} |");
        }
    }

    /// <summary>Every field a reader sees of the themes and the summary, one per line, so two builds' answers can be compared byte for byte.</summary>
    private static string Answers(IReadOnlyList<Theme> themes, Summary summary)
    {
        var text = new StringBuilder();
        foreach (Theme theme in themes)
        {
            text.Append(CultureInfo.InvariantCulture, $"theme {theme.Label} | share {theme.Share:R} | other {theme.IsOther} | terms {string.Join("; ", theme.KeyTerms)}\n");
            foreach (CitedSentence sentence in theme.Sentences)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {sentence.Citation} {sentence.Text}\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"summary {summary.ScopeTitle} | documents {summary.DocumentCount}\n");
        foreach (CitedSentence sentence in summary.Sentences)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {sentence.Citation} {sentence.Text}\n");
        }

        return text.ToString();
    }

    private static async Task<(double First, double FirstCpu, List<double> Later)> TimeAsync<T>(Func<Task<T>> call)
    {
        using var process = Process.GetCurrentProcess();
        TimeSpan cpu = process.TotalProcessorTime;
        long started = Stopwatch.GetTimestamp();
        await call();
        double first = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        process.Refresh();
        double firstCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        var later = new List<double>(Repeats);
        for (int i = 0; i < Repeats; i++)
        {
            started = Stopwatch.GetTimestamp();
            await call();
            later.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        later.Sort();
        return (first, firstCpu, later);
    }
}
