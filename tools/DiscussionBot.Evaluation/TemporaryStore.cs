using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Storage.Postgres;
using DiscussionBot.Storage.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DiscussionBot.Evaluation;

/// <summary>
/// The store an evaluation run builds for itself: by default a SQLite file in the temp folder (the real
/// FTS5 BM25 and analysis tables), deleted afterwards; a PostgreSQL database of its own (its text search), dropped
/// afterwards; or the in-memory <see cref="EvaluationStore"/>.
/// </summary>
internal sealed class TemporaryStore : IDisposable
{
    private readonly string? _databasePath;
    private Func<Task>? _drop;

    private TemporaryStore(string kind, IDocumentStore documents, IAnalysisStore analyses, Dictionary<long, string> externalIds, string? databasePath)
    {
        Kind = kind;
        Documents = documents;
        Analyses = analyses;
        ExternalIds = externalIds;
        _databasePath = databasePath;
    }

    public string Kind { get; }

    public IDocumentStore Documents { get; }

    public IAnalysisStore Analyses { get; }

    /// <summary>Store id to the evaluation set's own id (the source name).</summary>
    public Dictionary<long, string> ExternalIds { get; }

    public static TemporaryStore InMemory(IReadOnlyList<(SourceDocument Document, DocumentAnalysis Analysis)> documents)
    {
        var store = new EvaluationStore();
        foreach ((SourceDocument document, DocumentAnalysis analysis) in documents)
        {
            store.Add(document, analysis);
        }

        return new TemporaryStore("memory", store, store, documents.ToDictionary(d => d.Document.Info.Id, d => d.Document.Info.SourceName), null);
    }

    public static async Task<TemporaryStore> SqliteAsync(IReadOnlyList<(SourceDocument Document, DocumentAnalysis Analysis)> documents, CancellationToken cancellationToken)
    {
        string path = Path.Combine(Path.GetTempPath(), $"discussionbot-eval-{Guid.NewGuid():N}.db");
        var connections = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = path }));
        connections.EnsureMigrated();
        var writer = new SqliteDocumentWriter(connections, TimeProvider.System);
        await writer.WriteAsync(Prepare(documents), [], cancellationToken);
        var store = new SqliteDocumentStore(connections);
        IReadOnlyList<DocumentInfo> stored = await store.ListDocumentsAsync(cancellationToken);
        return new TemporaryStore("sqlite", store, new SqliteAnalysisStore(connections), stored.ToDictionary(d => d.Id, d => d.SourceName), path);
    }

    /// <param name="server">A connection string to the server; the store is a new database on it, dropped at the end.</param>
    public static async Task<TemporaryStore> PostgresAsync(
        IReadOnlyList<(SourceDocument Document, DocumentAnalysis Analysis)> documents, string server, CancellationToken cancellationToken)
    {
        string name = $"discussionbot_eval_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}", cancellationToken);
        var connections = new PostgresConnections(Options.Create(new PostgresStoreOptions
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        }));
        var writer = new PostgresDocumentWriter(connections, TimeProvider.System);
        await writer.WriteAsync(Prepare(documents), [], cancellationToken);
        var store = new PostgresDocumentStore(connections);
        IReadOnlyList<DocumentInfo> stored = await store.ListDocumentsAsync(cancellationToken);
        return new TemporaryStore("postgres", store, new PostgresAnalysisStore(connections), stored.ToDictionary(d => d.Id, d => d.SourceName), null)
        {
            _drop = async () =>
            {
                await connections.DisposeAsync();
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)", CancellationToken.None);
            },
        };
    }

    public void Dispose()
    {
        _drop?.Invoke().GetAwaiter().GetResult();
        if (_databasePath is null)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            if (File.Exists(file))
            {
                File.Delete(file);
            }
        }
    }

    private static List<PreparedDocument> Prepare(IReadOnlyList<(SourceDocument Document, DocumentAnalysis Analysis)> documents) =>
        documents.Select(d => new PreparedDocument(
                new IncomingDocument(d.Document.Info.SourceName, d.Document.Info.Title, d.Document.Text, SourceFileReader.HashText(d.Document.Text)),
                new Segmentation(d.Document.Paragraphs, d.Document.Sentences),
                d.Analysis,
                "eval"))
            .ToList();

    private static async Task ExecuteAsync(string server, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
