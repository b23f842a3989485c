using System.Diagnostics;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Storage.Sqlite;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>What one stage of an ingestion cost: its wall time and its peaks (working set, native and managed memory).</summary>
internal sealed record IngestionStage(string Name, TimeSpan Wall, long PeakWorkingSet, long PeakAnonymous, long PeakManaged, long PeakGcCommitted);

/// <summary>
/// Splits the big ingestion phases into stages (segmentation and planning, sentence encoding, the analysis after it,
/// the SQLite write) by wrapping the encoder, the analyzer and the writer of the real host, and keeps each stage's
/// peaks: the kernel's peak resident size (restarted at every change of stage, so exact), and, sampled every 50 ms,
/// resident anonymous pages (native heaps and the GC's), the managed heap and what the GC holds committed.
/// Every call of a stage counts toward it (the encoder runs once per 2,048 sentences; the phrase encoding of key
/// phrases is counted as encoding).
/// </summary>
internal sealed class IngestionStages : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Totals> _totals = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private string _stage = "before";
    private long _since = Stopwatch.GetTimestamp();
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TextWriter? _timeline;
    private long _peakBeforeStages;
    private long _lastLine;

    /// <param name="timeline">A CSV file that receives one sample a second (UTC time, seconds, stage, working set, anonymous, managed, committed MB).</param>
    public IngestionStages(string? timeline = null)
    {
        if (timeline is not null)
        {
            _timeline = new StreamWriter(timeline) { AutoFlush = true };
            _timeline.WriteLine("utc,seconds,stage,working_set_mb,anonymous_mb,managed_mb,gc_committed_mb");
        }

        _peakBeforeStages = ProcessMemory.Read().Peak;
        ProcessMemory.ResetPeak();
        _sampler = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(50, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    /// <summary>Wraps the host's encoder, analyzer and SQLite writer so that each call marks its stage.</summary>
    public void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ISentenceEmbedder>(sp => new StagedEmbedder(ActivatorUtilities.CreateInstance<OnnxSentenceEmbedder>(sp), this));
        builder.Services.AddSingleton<IDocumentAnalyzer>(sp => new StagedAnalyzer(ActivatorUtilities.CreateInstance<DocumentAnalyzer>(sp), this));
        builder.Services.AddSingleton<IDocumentWriter>(sp => new StagedWriter(ActivatorUtilities.CreateInstance<SqliteDocumentWriter>(sp), this));
    }

    /// <summary>The stages in the order first seen.</summary>
    public IReadOnlyList<IngestionStage> Stages
    {
        get
        {
            lock (_lock)
            {
                Close();
                return _order.Select(name => _totals[name].Result(name)).ToList();
            }
        }
    }

    /// <summary>The whole run's peak working set (the stages restart the kernel's count).</summary>
    public long PeakWorkingSet => Math.Max(_peakBeforeStages, Stages.Select(s => s.PeakWorkingSet).DefaultIfEmpty(0).Max());

    /// <summary>Ends the current stage and starts <paramref name="stage"/>; returns the stage it ended.</summary>
    public string Enter(string stage)
    {
        lock (_lock)
        {
            string previous = _stage;
            Close();
            _stage = stage;
            return previous;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _sampler.Wait();
        _stop.Dispose();
        _timeline?.Dispose();
    }

    private void Close()
    {
        Sample();
        Totals totals = Current();
        totals.PeakWorkingSet = Math.Max(totals.PeakWorkingSet, ProcessMemory.Read().Peak);
        long now = Stopwatch.GetTimestamp();
        totals.Wall += Stopwatch.GetElapsedTime(_since, now);
        _since = now;
        ProcessMemory.ResetPeak();
    }

    private Totals Current()
    {
        if (!_totals.TryGetValue(_stage, out Totals? totals))
        {
            totals = new Totals();
            _totals[_stage] = totals;
            _order.Add(_stage);
        }

        return totals;
    }

    private void Sample()
    {
        (long anonymous, _, _) = ProcessMemory.Read();
        long managed = GC.GetTotalMemory(forceFullCollection: false);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        lock (_lock)
        {
            Totals totals = Current();
            totals.PeakAnonymous = Math.Max(totals.PeakAnonymous, anonymous);
            totals.PeakManaged = Math.Max(totals.PeakManaged, managed);
            totals.PeakGcCommitted = Math.Max(totals.PeakGcCommitted, committed);
            long now = Stopwatch.GetTimestamp();
            if (_timeline is not null && Stopwatch.GetElapsedTime(_lastLine, now) >= TimeSpan.FromSeconds(1))
            {
                _lastLine = now;
                using var process = Process.GetCurrentProcess();
                _timeline.WriteLine(string.Create(
                    System.Globalization.CultureInfo.InvariantCulture,
                    $"{TimeProvider.System.GetUtcNow():HH:mm:ss.f},{Stopwatch.GetElapsedTime(_started, now).TotalSeconds:0.0},{_stage},{Stats.Mb(process.WorkingSet64)},{Stats.Mb(anonymous)},{Stats.Mb(managed)},{Stats.Mb(committed)}"));
            }
        }
    }

    private sealed class Totals
    {
        public TimeSpan Wall { get; set; }

        public long PeakWorkingSet { get; set; }

        public long PeakAnonymous { get; set; }

        public long PeakManaged { get; set; }

        public long PeakGcCommitted { get; set; }

        public IngestionStage Result(string name) => new(name, Wall, PeakWorkingSet, PeakAnonymous, PeakManaged, PeakGcCommitted);
    }

    private sealed class StagedEmbedder(OnnxSentenceEmbedder inner, IngestionStages stages) : ISentenceEmbedder, IDisposable
    {
        public string ModelName => inner.ModelName;

        public bool IsAvailable => inner.IsAvailable;

        public bool LoadFailed => inner.LoadFailed;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
        {
            string previous = stages.Enter("encoding");
            try
            {
                return inner.Embed(texts, cancellationToken);
            }
            finally
            {
                stages.Enter(previous);
            }
        }

        public void Embed(IReadOnlyList<string> texts, Action<int, float[]> store, CancellationToken cancellationToken)
        {
            string previous = stages.Enter("encoding");
            try
            {
                inner.Embed(texts, store, cancellationToken);
            }
            finally
            {
                stages.Enter(previous);
            }
        }

        public float[] EmbedQuery(string query, CancellationToken cancellationToken) => inner.EmbedQuery(query, cancellationToken);

        public void Dispose() => inner.Dispose();
    }

    private sealed class StagedAnalyzer(DocumentAnalyzer inner, IngestionStages stages) : IDocumentAnalyzer
    {
        public string Version => inner.Version;

        public bool EncodesSentences => inner.EncodesSentences;

        public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeAsync(
            IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents, CancellationToken cancellationToken) =>
            Staged(() => inner.AnalyzeAsync(documents, cancellationToken));

        public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeWithoutVectorsAsync(
            IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents, CancellationToken cancellationToken) =>
            Staged(() => inner.AnalyzeWithoutVectorsAsync(documents, cancellationToken));

        private async Task<IReadOnlyList<DocumentAnalysis>> Staged(Func<Task<IReadOnlyList<DocumentAnalysis>>> analyze)
        {
            stages.Enter("analysis");
            IReadOnlyList<DocumentAnalysis> result = await analyze();
            stages.Enter("between analysis and write");
            return result;
        }
    }

    private sealed class StagedWriter(SqliteDocumentWriter inner, IngestionStages stages) : IDocumentWriter
    {
        public Task<IReadOnlyList<StoredSource>> ListStoredSourcesAsync(CancellationToken cancellationToken) =>
            inner.ListStoredSourcesAsync(cancellationToken);

        public Task<GuildUsage> GetGuildUsageAsync(ulong guildId, CancellationToken cancellationToken) =>
            inner.GetGuildUsageAsync(guildId, cancellationToken);

        public Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) => inner.RemoveAsync(keys, cancellationToken);

        public Task<bool> ReplaceAnalysisAsync(AnalysisReplacement replacement, CancellationToken cancellationToken) =>
            inner.ReplaceAnalysisAsync(replacement, cancellationToken);

        public Task<IngestionReport> WriteAsync(IReadOnlyList<PreparedDocument> documents, IReadOnlyList<string> unchanged, CancellationToken cancellationToken) =>
            WriteAsync(documents, unchanged, limits: null, cancellationToken);

        public async Task<IngestionReport> WriteAsync(
            IReadOnlyList<PreparedDocument> documents, IReadOnlyList<string> unchanged, GuildSourceLimits? limits, CancellationToken cancellationToken)
        {
            stages.Enter("SQLite write");
            IngestionReport report = await inner.WriteAsync(documents, unchanged, limits, cancellationToken);
            stages.Enter("after the write (next batch's segmentation)");
            return report;
        }
    }
}
