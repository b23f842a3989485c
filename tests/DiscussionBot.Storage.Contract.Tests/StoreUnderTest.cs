using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Core.Pins;
using DiscussionBot.Text.Documents;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DiscussionBot.Storage.Contract.Tests;

/// <summary>One provider's store behind the Core ports, with the real segmenter and ingestion use case on fake time.</summary>
public sealed class StoreUnderTest(
    IDocumentStore store,
    IDocumentWriter writer,
    IAnalysisStore analysis,
    IPinLedger pins,
    FakeTimeProvider time,
    Func<IDocumentWriter> otherReplicaWriter,
    Func<ValueTask> dispose) : IAsyncDisposable
{
    public IDocumentStore Store { get; } = store;

    public IDocumentWriter Writer { get; } = writer;

    public IAnalysisStore Analysis { get; } = analysis;

    public IPinLedger Pins { get; } = pins;

    public FakeTimeProvider Time { get; } = time;

    public PositionAnalyzer Analyzer { get; } = new();

    public IngestionService Ingestion => IngestionThrough(Writer);

    /// <summary>A writer over the same database through connections of its own, as another replica (or process) has.</summary>
    public IDocumentWriter OtherReplicaWriter() => otherReplicaWriter();

    public IngestionService IngestionThrough(IDocumentWriter writer) =>
        new(new SourceFileReader([]), new TextSegmenter(), Analyzer, writer, new IngestionOptions());

    /// <summary>Ingestion that hands a server's additions to <paramref name="queue"/> for their vectors.</summary>
    public IngestionService IngestionWith(IAnalysisQueue queue) =>
        new(new SourceFileReader([]), new TextSegmenter(), Analyzer, Writer, new IngestionOptions(), deferred: queue);

    public static FakeTimeProvider NewTime() => new(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero));

    public ValueTask DisposeAsync() => dispose();
}
