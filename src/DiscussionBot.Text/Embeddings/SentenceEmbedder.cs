using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace DiscussionBot.Text.Embeddings;

/// <summary>Turns short texts into unit-length vectors.</summary>
public interface ISentenceEmbedder
{
    /// <summary>Names the model, so stored vectors are recomputed when it changes.</summary>
    string ModelName { get; }

    /// <summary>False when the model could not be loaded; callers then work lexically. Asking loads the model.</summary>
    bool IsAvailable { get; }

    /// <summary>True once a load was tried and failed. Asking never loads the model, so it is cheap on start-up paths.</summary>
    bool LoadFailed => false;

    /// <summary>Vectors of stored passages.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>
    /// Vectors of stored passages, each handed to <paramref name="store"/> (index of the text, its vector) as soon as it
    /// is made, possibly from several threads at once (never twice for one index). A caller that copies the vectors
    /// (into 8-bit rows) lets each float array die young instead of holding every vector of the call until it returns.
    /// </summary>
    void Embed(IReadOnlyList<string> texts, Action<int, float[]> store, CancellationToken cancellationToken)
    {
        float[][] vectors = Embed(texts, cancellationToken);
        for (int i = 0; i < vectors.Length; i++)
        {
            store(i, vectors[i]);
        }
    }

    /// <summary>The vector of a search query; some models are trained with an instruction before the query.</summary>
    float[] EmbedQuery(string query, CancellationToken cancellationToken) => Embed([query], cancellationToken)[0];

    /// <summary>
    /// True when the model's vocabulary holds <paramref name="word"/> (lower case) whole: a word it must split into
    /// pieces is one whose meaning it can only guess at. Without a vocabulary every word counts as known.
    /// </summary>
    bool KnowsWord(ReadOnlySpan<char> word) => true;
}

/// <summary>
/// The configured sentence model (<see cref="TextEngineOptions.Model"/>; ONNX, shipped inside its NuGet package).
/// One model per process, loaded on first use; inputs are sorted by length and encoded in batches so that short
/// sentences are not padded to the longest input.
/// </summary>
public sealed partial class OnnxSentenceEmbedder(IOptions<TextEngineOptions> options, ILogger<OnnxSentenceEmbedder> logger) : ISentenceEmbedder, IDisposable
{
    // both models were trained on at most 256-512 word pieces; longer texts only cost time.
    private const int MaxCharacters = 1000;

    // Padded characters per batch (batch size × its longest input): 8 sentences of 150 characters, or 24 of 50. ONNX
    // Runtime's working memory grows with the padded batch, and glibc keeps what a large batch freed: 64 sentences of
    // up to 150 characters cost ~500 MB of native memory on two cores, batches of 1,200 characters ~100 MB, and
    // encoded faster (less padding; measured in docs/performance.md).
    internal const int BatchPaddedCharacters = 8 * 150;

    // glibc keeps the pages ONNX Runtime's batches freed until told otherwise; between two trims the working set
    // grows with the batches run: every 4 batches rather than 16 kept the 8 MB ingestion's working set ~30 MB lower
    // while encoding (docs/performance.md, issue 10 sessions 5 and 6).
    private const int TrimEveryBatches = 4;

    private readonly TextEngineOptions _options = options.Value;
    private readonly Lock _loadLock = new();
    private readonly Lazy<System.Collections.Frozen.FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>> _vocabulary =
        new(() => ModelVocabulary.WholeWords(options.Value.Model).GetAlternateLookup<ReadOnlySpan<char>>());
    private IEncoderModel? _encoder;
    private bool _failed;

    public string ModelName => EncoderModels.NameOf(_options.Model);

    public bool IsAvailable => _options.Mode == EngineMode.Embedding && GetEncoder() is not null;

    public bool LoadFailed => Volatile.Read(ref _failed);

    private int Parallelism => _options.EmbeddingParallelism > 0 ? _options.EmbeddingParallelism : Environment.ProcessorCount;

    /// <summary>True once the model is in memory.</summary>
    public bool IsLoaded => Volatile.Read(ref _encoder) is not null;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        float[][] result = new float[texts.Count][];
        Embed(texts, (i, vector) => result[i] = vector, cancellationToken);
        return result;
    }

    public void Embed(IReadOnlyList<string> texts, Action<int, float[]> store, CancellationToken cancellationToken)
    {
        IEncoderModel encoder = GetEncoder() ?? throw new InvalidOperationException("The embedding model is not available.");
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ThenBy(i => i).ToArray();
        List<(int Start, int Count)> batches = PlanBatches(texts, order, _options.EmbeddingBatchSize);

        // Batches are independent and ONNX Runtime sessions may run concurrently: a large ingestion encodes on
        // every core (each run single-threaded), while a query (one batch) stays on one thread.
        int finished = 0;
        Parallel.ForEach(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = batches.Count > 1 ? Parallelism : 1, CancellationToken = cancellationToken },
            batch =>
            {
                string[] inputs = new string[batch.Count];
                for (int k = 0; k < batch.Count; k++)
                {
                    string text = texts[order[batch.Start + k]];
                    inputs[k] = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
                }

                float[][] vectors = encoder.Encode(inputs, cancellationToken);
                for (int k = 0; k < batch.Count; k++)
                {
                    store(order[batch.Start + k], VectorMath.Normalize(vectors[k]));
                }

                if (Interlocked.Increment(ref finished) % TrimEveryBatches == 0)
                {
                    // a long bulk call: what the finished batches freed goes back now, not only at the end
                    NativeMemory.Trim();
                }
            });

        if (batches.Count > 1)
        {
            // a bulk call (ingestion): hand back the native memory its batches freed before the caller goes on
            NativeMemory.Trim();
        }
    }

    public float[] EmbedQuery(string query, CancellationToken cancellationToken) =>
        Embed([EncoderModels.QueryPrefixOf(_options.Model) + query], cancellationToken)[0];

    public bool KnowsWord(ReadOnlySpan<char> word) => _vocabulary.Value.Contains(word);

    public void Dispose() => _encoder?.Dispose();

    /// <summary>
    /// Inputs are sorted by length: a batch grows while its padded size (count × longest input) stays within
    /// <see cref="BatchPaddedCharacters"/>, so a batch of long sentences is small and the encoder's working memory
    /// is bounded whatever the number of inputs.
    /// </summary>
    internal static List<(int Start, int Count)> PlanBatches(IReadOnlyList<string> texts, int[] order, int maxBatchSize)
    {
        var batches = new List<(int Start, int Count)>();
        int start = 0;
        while (start < order.Length)
        {
            int count = 0;
            while (start + count < order.Length && count < maxBatchSize)
            {
                int longest = Math.Min(texts[order[start + count]].Length, MaxCharacters);
                if (count > 0 && (count + 1) * (long)longest > BatchPaddedCharacters)
                {
                    break;
                }

                count++;
            }

            batches.Add((start, count));
            start += count;
        }

        return batches;
    }

    private IEncoderModel? GetEncoder()
    {
        if (_encoder is not null || _failed)
        {
            return _encoder;
        }

        lock (_loadLock)
        {
            if (_encoder is not null || _failed)
            {
                return _encoder;
            }

            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                var session = new SessionOptions
                {
                    IntraOpNumThreads = _options.EmbeddingThreads > 0 ? _options.EmbeddingThreads : Environment.ProcessorCount,
                    InterOpNumThreads = 1,
                    ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                    GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,

                    // the arena would keep the peak of the longest batch for the life of the process
                    EnableCpuMemArena = false,
                };
                _encoder = LoadEncoder(session);

                // ONNX Runtime parses the model and pre-packs its weights through malloc; glibc keeps ~40 MB of what
                // that freed (docs/performance.md, issue 9 session 5) unless asked to hand it back
                NativeMemory.Trim();
                LogModelLoaded(logger, ModelName, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or TypeInitializationException or IOException or BadImageFormatException or InvalidOperationException)
            {
                _failed = true;
                LogModelFailed(logger, ex, ModelName);
            }

            return _encoder;
        }
    }

    private string CacheDirectory => string.IsNullOrWhiteSpace(_options.ModelCacheDirectory)
        ? ModelFiles.DefaultDirectory()
        : _options.ModelCacheDirectory;

    private IEncoderModel LoadEncoder(SessionOptions session)
    {
        try
        {
            return EncoderModels.Load(_options.Model, session, CacheDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogModelFileFailed(logger, ex, ModelName, CacheDirectory);
        }

        IEncoderModel encoder = EncoderModels.LoadFromPackage(_options.Model, session);

        // The package reads its ~90 MB model into a managed array that is garbage once ONNX Runtime holds the
        // weights; a compacting collection returns those pages instead of carrying them for the life of the process.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return encoder;
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Could not write the model {Model} to {Directory}; loading it from its package in memory")]
    private static partial void LogModelFileFailed(ILogger logger, Exception exception, string model, string directory);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Loaded sentence embedding model {Model} in {Milliseconds} ms")]
    private static partial void LogModelLoaded(ILogger logger, string model, double milliseconds);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Could not load sentence embedding model {Model}; answering lexically")]
    private static partial void LogModelFailed(ILogger logger, Exception exception, string model);
}
