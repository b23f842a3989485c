using DiscussionBot.Text;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>Runs the phases in order; each size's store lives in the work folder so phases can run in separate processes.</summary>
internal sealed class BenchmarkSuite(BenchmarkSettings settings, string seeds, string work, BenchmarkReport report)
{
    private const int MiniLmDimension = 384;
    private readonly Dictionary<string, BenchmarkCorpus?> _corpora = [];

    public async Task RunPhaseAsync(string phase, CancellationToken cancellationToken)
    {
        switch (phase)
        {
            case "prepare":
                var ingested = new List<IngestionResult>();
                foreach (string size in settings.Sizes)
                {
                    if (await PrepareAsync(size, cancellationToken) is { } result)
                    {
                        ingested.Add(result);
                    }
                }

                await report.IngestionAsync("Ingestion while preparing the serving stores", ingested);
                break;
            case "serve":
                foreach (string size in settings.Sizes)
                {
                    await ServeAsync(size, cancellationToken);
                }

                break;
            case "ingest":
                await IngestAsync(cancellationToken);
                break;
            case "formats":
                await FormatsAsync(cancellationToken);
                break;
            case "encoder":
                await EncoderAsync(cancellationToken);
                break;
            case "long":
                await LongDocumentBenchmark.ServeAsync(Prose(), work, seeds, report, cancellationToken);
                break;
            case "sourceadd":
                await SourceAddAsync(cancellationToken);
                break;
            case "providers":
                foreach (string size in settings.Sizes)
                {
                    if (Corpus(size) is { } corpus)
                    {
                        await ProviderBenchmark.RunAsync(corpus, settings, work, seeds, report, cancellationToken);
                    }
                }

                break;
            case "big1" or "big8" or "big1-embedding" or "big8-embedding":
                // one phase per process (bench/run.sh), so the peak working set is that ingestion's own
                await report.NoteAsync($"| {settings.BigMegabytes} MB plain text | MB | sentences | wall (s) | peak working set (MB) | mode |");
                await report.NoteAsync("|---|---|---|---|---|---|");
                await LongDocumentBenchmark.IngestBigAsync(
                    Prose(), phase.StartsWith("big1", StringComparison.Ordinal) ? 1 : 8, phase.EndsWith("-embedding", StringComparison.Ordinal) ? "Embedding" : "Lexical", settings.BigMegabytes, work, seeds, report, cancellationToken);
                await report.NoteAsync(string.Empty);
                break;
            default:
                await report.NoteAsync($"Cold start: process start to the first line of the answer, {settings.ColdRuns} runs each, warm store built from seeds/.");
                await report.ColdStartAsync(await ColdStartBenchmark.RunAsync(settings.App, Path.Combine(work, "cold.db"), seeds, settings.ColdRuns, report.Output, cancellationToken));
                await report.NoteAsync("Cold start to IDENTIFY in live mode: measured by tools/DiscussionBot.MicroBenchmarks (live-cold-start), which bench/run.sh runs next.");
                break;
        }
    }

    /// <summary>
    /// <c>/source add</c> through the fake Discord, then per-server snapshot memory on a copy of the largest prepared
    /// store among bbc and seed (prepared first if needed), so the serving stores stay as they were.
    /// </summary>
    private async Task SourceAddAsync(CancellationToken cancellationToken)
    {
        string size = Corpus(BenchmarkCorpora.Bbc) is not null ? BenchmarkCorpora.Bbc : BenchmarkCorpora.Seed;
        if (!File.Exists(StorePath(size) + ".ready"))
        {
            await PrepareAsync(size, cancellationToken);
        }

        string copy = Path.Combine(work, "source-add-memory.db");
        IngestionBenchmark.DeleteStore(copy);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(StorePath(size), copy);
        await SourceAddBenchmark.RunAsync(Prose(), copy, work, seeds, report, cancellationToken);
        IngestionBenchmark.DeleteStore(copy);
    }

    /// <summary>Real prose for the long-document phases: BBC articles when the data is there, else the seeds.</summary>
    private BenchmarkCorpus Prose() => Corpus(BenchmarkCorpora.Bbc) ?? Corpus(BenchmarkCorpora.Seed)!;

    private string StorePath(string size) => Path.Combine(work, $"{size}.db");

    private BenchmarkCorpus? Corpus(string size)
    {
        if (!_corpora.TryGetValue(size, out BenchmarkCorpus? corpus))
        {
            corpus = BenchmarkCorpora.Load(size, seeds, settings.Data, out string? missing);
            if (missing is not null)
            {
                report.Output.WriteLine($"> Skipping {size}: {missing}.");
            }

            _corpora[size] = corpus;
        }

        return corpus;
    }

    /// <summary>The seed is ingested with real embeddings; larger sizes lexically, then given synthetic vectors.</summary>
    private async Task<IngestionResult?> PrepareAsync(string size, CancellationToken cancellationToken)
    {
        if (Corpus(size) is not { } corpus)
        {
            return null;
        }

        string store = StorePath(size);
        File.Delete(store + ".ready");
        bool seed = size == BenchmarkCorpora.Seed;
        await report.NoteAsync($"Preparing {size}: {corpus.Documents.Count} documents, {corpus.Megabytes:0.0} MB ({(seed ? "embedding" : "lexical")} ingestion)…");
        IngestionResult result = await IngestionBenchmark.RunAsync(corpus, corpus.Documents, store, seeds, seed ? "Embedding" : "Lexical", chunk: 1000, cancellationToken);
        if (!seed && settings.SyntheticVectors)
        {
            var meter = new CpuMeter();
            int filled = IngestionBenchmark.FillSyntheticVectors(store, MiniLmDimension);
            await report.NoteAsync($"  {size}: {filled} sentences given synthetic {MiniLmDimension}-d unit vectors in {meter.Wall.TotalSeconds:0.0} s; store now {Stats.Mb(IngestionBenchmark.StoreBytes(store))} MB.");
        }

        await File.WriteAllTextAsync(store + ".ready", string.Empty, cancellationToken);
        return result;
    }

    private async Task ServeAsync(string size, CancellationToken cancellationToken)
    {
        if (Corpus(size) is not { } corpus)
        {
            return;
        }

        if (!File.Exists(StorePath(size) + ".ready"))
        {
            await PrepareAsync(size, cancellationToken);
        }

        await report.NoteAsync($"Serving {size} ({corpus.Documents.Count} documents): {settings.Rounds} rounds x {settings.Queries} queries per command, after {settings.WarmUp} warm-up calls each…");
        using IHost host = BenchmarkHost.Build(StorePath(size), seeds, nameof(EngineMode.Embedding));
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var benchmark = new ServingBenchmark(host, corpus, settings.Queries, settings.Rounds, settings.MaxSeconds, seedBudgets: size == BenchmarkCorpora.Seed) { WarmUpCalls = settings.WarmUp };
        ServingResult result = await benchmark.RunAsync(cancellationToken);
        await report.ServingAsync(result, synthetic: size != BenchmarkCorpora.Seed && settings.SyntheticVectors, IngestionBenchmark.StoreBytes(StorePath(size)), corpus.Megabytes);
    }

    private List<Core.Ingestion.IncomingDocument>? Subset()
    {
        if (Corpus(BenchmarkCorpora.SciFact) is not { } corpus)
        {
            return null;
        }

        return corpus.Documents.Take(settings.Subset).ToList();
    }

    private async Task FormatsAsync(CancellationToken cancellationToken)
    {
        if (Corpus(BenchmarkCorpora.Bbc) is not { } bbc)
        {
            return;
        }

        var documents = bbc.Documents.Take(settings.Subset).ToList();
        await report.NoteAsync($"Writing {documents.Count} BBC articles as .txt, .html, .md and .pdf, then converting and ingesting each folder (lexical)…");
        await report.FormatsAsync(await FormatBenchmark.RunAsync(documents, work, seeds, cancellationToken));
    }

    private async Task IngestAsync(CancellationToken cancellationToken)
    {
        var results = new List<IngestionResult>();
        if (Corpus(BenchmarkCorpora.Seed) is { } seedCorpus)
        {
            foreach (string mode in new[] { "Lexical", "Embedding" })
            {
                results.Add(await IngestionBenchmark.RunAsync(seedCorpus, seedCorpus.Documents, Path.Combine(work, "ingest-seed.db"), seeds, mode, 1000, cancellationToken));
            }
        }

        if (Subset() is { } subset && Corpus(BenchmarkCorpora.SciFact) is { } sci)
        {
            var label = sci with { Name = $"scifact[0..{subset.Count})" };
            foreach (string mode in new[] { "Lexical", "Embedding" })
            {
                await report.NoteAsync($"Ingesting {subset.Count} SciFact abstracts, {mode}…");
                results.Add(await IngestionBenchmark.RunAsync(label, subset, Path.Combine(work, $"ingest-{mode}.db"), seeds, mode, 1000, cancellationToken));
            }
        }

        await report.IngestionAsync("Ingestion, lexical vs with embeddings (one `IngestAsync` call, as the ingest verb does)", results);
        if (results.Count == 4)
        {
            IngestionResult lexical = results[2];
            IngestionResult embedding = results[3];
            double embedSeconds = embedding.Wall.TotalSeconds - lexical.Wall.TotalSeconds;
            await report.NoteAsync(
                $"Embedding step (embedding-mode wall − lexical wall on the same {embedding.Documents} abstracts): {embedSeconds:0.0} s " +
                $"= {embedding.Sentences / embedSeconds:0.0} sentences/s. Extrapolated to all of SciFact (~{Corpus(BenchmarkCorpora.SciFact)!.Documents.Count} abstracts) " +
                $"with embeddings: ~{embedding.Wall.TotalSeconds * Corpus(BenchmarkCorpora.SciFact)!.Documents.Count / embedding.Documents / 60:0} min (linear extrapolation, not measured).");
            _lastEmbeddingStep = embedding.Sentences / embedSeconds;
        }
    }

    private double _lastEmbeddingStep = double.NaN;

    private async Task EncoderAsync(CancellationToken cancellationToken)
    {
        if (Subset() is not { } subset)
        {
            await report.NoteAsync("Encoder: SciFact data absent; not measured.");
            return;
        }

        EncoderResult result = await IngestionBenchmark.EncoderAsync(subset, Path.Combine(work, "encoder.db"), seeds, cancellationToken);
        await report.EncoderAsync(result, subset.Count, _lastEmbeddingStep);
    }
}
