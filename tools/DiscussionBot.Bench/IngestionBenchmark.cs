using System.Runtime.InteropServices;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Embeddings;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>One ingestion run: throughput, cores kept busy and the store's size.</summary>
internal sealed record IngestionResult(
    string Corpus,
    string Mode,
    int Documents,
    int Sentences,
    double Megabytes,
    TimeSpan Wall,
    TimeSpan Cpu,
    long StoreBytes,
    string Load)
{
    public double DocumentsPerSecond => Documents / Wall.TotalSeconds;

    public double MegabytesPerSecond => Megabytes / Wall.TotalSeconds;

    public double SentencesPerSecond => Sentences / Wall.TotalSeconds;

    public double CoresBusy => Cpu.TotalSeconds / Wall.TotalSeconds;

    public double StoreMbPerSourceMb => StoreBytes / (1024.0 * 1024.0) / Megabytes;
}

/// <summary>Raw encoder throughput: the MiniLM embedder alone, on the very sentences ingestion would encode.</summary>
internal sealed record EncoderResult(int Sentences, TimeSpan Wall, TimeSpan Cpu, double ModelLoadMs, string Load)
{
    public double SentencesPerSecond => Sentences / Wall.TotalSeconds;

    public double CoresBusy => Cpu.TotalSeconds / Wall.TotalSeconds;
}

internal static class IngestionBenchmark
{
    /// <summary>Ingests the documents through <see cref="IngestionService"/> (as the ingest verb does, from memory) into a fresh store.</summary>
    public static async Task<IngestionResult> RunAsync(
        BenchmarkCorpus corpus, IReadOnlyList<IncomingDocument> documents, string storePath, string seedsFolder, string mode, int chunk, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? extra = null, IngestionStages? stages = null)
    {
        DeleteStore(storePath);
        using IHost host = BenchmarkHost.Build(storePath, seedsFolder, mode, extra, stages is null ? null : stages.Register, interactive: true);
        var ingestion = host.Services.GetRequiredService<IngestionService>();

        // Load the model (embedding mode) before the clock starts: model load is a cold-start cost, measured there.
        _ = host.Services.GetRequiredService<IDocumentAnalyzer>().Version;
        var meter = new CpuMeter();
        if (stages is not null && mode == "Embedding")
        {
            // a stage of its own, inside the clock as before (the first encoding call would load it)
            stages.Enter("model load");
            _ = host.Services.GetRequiredService<ISentenceEmbedder>().IsAvailable;
        }

        stages?.Enter("segmentation and planning");
        for (int start = 0; start < documents.Count; start += chunk)
        {
            await ingestion.IngestAsync(documents.Skip(start).Take(chunk).ToList(), cancellationToken);
        }

        stages?.Enter("after");

        TimeSpan wall = meter.Wall;
        TimeSpan cpu = meter.Cpu;
        SqliteConnection.ClearAllPools();

        // counted in the store, not by segmenting the texts again: re-segmenting an 8 MB text here added its garbage
        // to the ingestion's peak working set
        int sentences = CountSentences(storePath);
        double megabytes = documents.Sum(d => (double)System.Text.Encoding.UTF8.GetByteCount(d.Text)) / (1024 * 1024);
        return new IngestionResult(corpus.Name, mode, documents.Count, sentences, megabytes, wall, cpu, StoreBytes(storePath), Stats.LoadAverage());
    }

    public static async Task<EncoderResult> EncoderAsync(IReadOnlyList<IncomingDocument> documents, string storePath, string seedsFolder, CancellationToken cancellationToken)
    {
        using IHost host = BenchmarkHost.Build(storePath, seedsFolder, "Embedding");
        var embedder = host.Services.GetRequiredService<ISentenceEmbedder>();
        var segmenter = host.Services.GetRequiredService<ITextSegmenter>();
        var texts = documents.SelectMany(d => segmenter.Segment(d.Text).Sentences.Select(s => s.Text)).ToList();
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!embedder.IsAvailable)
        {
            throw new InvalidOperationException("The MiniLM model could not be loaded; the encoder cannot be measured.");
        }

        double loadMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        embedder.Embed(texts.Take(64).ToList(), cancellationToken);
        var meter = new CpuMeter();
        embedder.Embed(texts, cancellationToken);
        return new EncoderResult(texts.Count, meter.Wall, meter.Cpu, loadMs, Stats.LoadAverage());
    }

    /// <summary>
    /// Gives every sentence of a lexically ingested store a deterministic random unit vector, so that serving at
    /// scale pays for the dense scan and the query embedding without hours of encoding. Latency depends on the
    /// vectors' count and size, not their values; answers are of course meaningless for quality.
    /// </summary>
    public static int FillSyntheticVectors(string storePath, int dimension)
    {
        var random = new Random(384);
        using var connection = new SqliteConnection($"Data Source={storePath};Pooling=False");
        connection.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        var ids = new List<long>();
        using (SqliteCommand select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT id FROM sentences WHERE vector IS NULL ORDER BY id";
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        using SqliteCommand update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE sentences SET vector = $vector WHERE id = $id";
        SqliteParameter vectorParameter = update.Parameters.Add("$vector", SqliteType.Blob);
        SqliteParameter idParameter = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (long id in ids)
        {
            float[] vector = SyntheticVector(random, dimension);
            vectorParameter.Value = MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
            idParameter.Value = id;
            update.ExecuteNonQuery();
        }

        using (SqliteCommand bump = connection.CreateCommand())
        {
            bump.Transaction = transaction;
            bump.CommandText = "UPDATE store_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'";
            bump.ExecuteNonQuery();
        }

        transaction.Commit();
        using (SqliteCommand checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        return ids.Count;
    }

    /// <summary>The next deterministic random unit vector of <paramref name="random"/>.</summary>
    public static float[] SyntheticVector(Random random, int dimension)
    {
        float[] vector = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++)
        {
            vector[i] = (float)((random.NextDouble() * 2) - 1);
            norm += vector[i] * vector[i];
        }

        float scale = (float)(1 / Math.Sqrt(norm));
        for (int i = 0; i < dimension; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    /// <summary>Sentences in the store (the bench's host ingests nothing else: it is built, never started).</summary>
    private static int CountSentences(string storePath)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sentences";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long StoreBytes(string storePath) =>
        new[] { storePath, storePath + "-wal", storePath + "-shm" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    public static void DeleteStore(string storePath)
    {
        SqliteConnection.ClearAllPools();
        foreach (string path in new[] { storePath, storePath + "-wal", storePath + "-shm" })
        {
            File.Delete(path);
        }
    }
}
