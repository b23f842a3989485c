using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Sqlite.Tests;

/// <summary>Documents are committed in batches: a crash loses at most the batch in flight, and a re-run finishes the job.</summary>
public sealed class BatchedIngestionTests : IDisposable
{
    private readonly PositionAnalyzer _analyzer = new();
    private readonly StoreFixture _fixture;

    public BatchedIngestionTests() => _fixture = new StoreFixture(_analyzer, batchSize: 2);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task IngestPathsAsync_CrashInSecondBatch_KeepsFirstBatchThenResumeFinishesIdempotently()
    {
        string folder = WriteDocuments(5);
        _analyzer.FailWith = new InvalidOperationException("encoder crashed");
        _analyzer.FailOnCall = 2;

        await Assert.ThrowsAsync<InvalidOperationException>(() => _fixture.Ingestion.IngestPathsAsync([folder], CancellationToken.None));

        Assert.Equal(["doc0.txt", "doc1.txt"], await KeysAsync());
        long revisionAfterCrash = await _fixture.Store.GetRevisionAsync(CancellationToken.None);

        _analyzer.FailWith = null;
        IngestionReport resumed = await _fixture.Ingestion.IngestPathsAsync([folder], CancellationToken.None);

        Assert.Equal(["doc0.txt", "doc1.txt"], resumed.Unchanged);
        Assert.Equal(["doc2.txt", "doc3.txt", "doc4.txt"], resumed.Added);
        Assert.Equal(["doc0.txt", "doc1.txt", "doc2.txt", "doc3.txt", "doc4.txt"], await KeysAsync());
        Assert.True(await _fixture.Store.GetRevisionAsync(CancellationToken.None) > revisionAfterCrash);

        IngestionReport again = await _fixture.Ingestion.IngestPathsAsync([folder], CancellationToken.None);
        Assert.False(again.ChangedAnything);
        Assert.Equal(5, again.Unchanged.Count);
    }

    [Fact]
    public async Task IngestPathsAsync_FiveDocumentsInBatchesOfTwo_ReportsReadingThenEachCommittedBatch()
    {
        string folder = WriteDocuments(5);
        var progress = new RecordingProgress();

        await _fixture.Ingestion.IngestPathsAsync([folder], progress, CancellationToken.None);

        Assert.Equal(5, progress.Reports.Count(r => r.Stage == IngestionStage.Reading));
        Assert.Equal(5, progress.Reports.Where(r => r.Stage == IngestionStage.Reading).Max(r => r.Done));
        Assert.Equal(
            [new(IngestionStage.Writing, 0, 5), new(IngestionStage.Writing, 2, 5), new(IngestionStage.Writing, 4, 5), new IngestionProgress(IngestionStage.Writing, 5, 5)],
            progress.Reports.Where(r => r.Stage == IngestionStage.Writing));
        Assert.Equal(3, _analyzer.Calls);
    }

    [Fact]
    public async Task IngestPathsAsync_BadFileAmongMany_RejectedBeforeAnyBatchIsWritten()
    {
        string folder = WriteDocuments(5);
        _fixture.Folder.WriteBytes("many/zz-bad.txt", [0x00, 0x01, 0x02]);

        await Assert.ThrowsAsync<RejectedSourceException>(() => _fixture.Ingestion.IngestPathsAsync([folder], CancellationToken.None));

        Assert.Empty(await KeysAsync());
        Assert.Equal(0, _analyzer.Calls);
    }

    [Fact]
    public async Task IngestPathsAsync_CancelledAfterFirstBatch_FirstBatchStaysWhole()
    {
        string folder = WriteDocuments(4);
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(r =>
        {
            if (r is { Stage: IngestionStage.Writing, Done: 2 })
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Ingestion.IngestPathsAsync([folder], progress, cancellation.Token));

        Assert.Equal(["doc0.txt", "doc1.txt"], await KeysAsync());
    }

    private string WriteDocuments(int count)
    {
        for (int i = 0; i < count; i++)
        {
            _fixture.Folder.WriteText($"many/doc{i}.txt", $"Document number {i} is here. It talks about topic {i} at length.");
        }

        return _fixture.Folder.Combine("many");
    }

    private async Task<List<string>> KeysAsync() =>
        (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Select(d => d.SourceName).Order(StringComparer.Ordinal).ToList();

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RecordingProgress(Action<IngestionProgress>? onReport = null) : IProgress<IngestionProgress>
    {
        private readonly Lock _lock = new();

        public List<IngestionProgress> Reports { get; } = [];

        public void Report(IngestionProgress value)
        {
            lock (_lock)
            {
                Reports.Add(value);
            }

            onReport?.Invoke(value);
        }
    }
}
