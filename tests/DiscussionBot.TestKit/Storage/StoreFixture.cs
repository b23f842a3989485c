using DiscussionBot.Core.Ingestion;
using DiscussionBot.Storage.Sqlite;
using DiscussionBot.Text.Documents;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DiscussionBot.TestKit.Storage;

/// <summary>A real SQLite store in a temporary folder, with the real segmenter and ingestion use case.</summary>
public sealed class StoreFixture : IDisposable
{
    public StoreFixture(IDocumentAnalyzer? analyzer = null, IEnumerable<ISourceFormat>? formats = null, int batchSize = 64)
    {
        Folder = new TemporaryFolder();
        DatabasePath = Folder.Combine("store", "test.db");
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero));
        Connections = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = DatabasePath }));
        Store = new SqliteDocumentStore(Connections);
        Writer = new SqliteDocumentWriter(Connections, Time);
        Analyzer = analyzer ?? new PositionAnalyzer();
        Ingestion = new IngestionService(
            new SourceFileReader(formats ?? []), new TextSegmenter(), Analyzer, Writer, new IngestionOptions { BatchSize = batchSize });
    }

    public TemporaryFolder Folder { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public SqliteConnectionFactory Connections { get; }

    public SqliteDocumentStore Store { get; }

    public SqliteDocumentWriter Writer { get; }

    public IDocumentAnalyzer Analyzer { get; }

    public IngestionService Ingestion { get; }

    public void Dispose() => Folder.Dispose();
}
