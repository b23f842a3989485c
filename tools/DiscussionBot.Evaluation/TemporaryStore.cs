using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Evaluation;

/// <summary>
/// The store an evaluation run builds for itself: by default a SQLite file in the temp folder (the real
/// FTS5 BM25 and analysis tables), deleted afterwards; or the in-memory <see cref="EvaluationStore"/>.
/// </summary>
internal sealed class TemporaryStore : IDisposable
{
    private readonly string? _databasePath;

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
        var prepared = documents.Select(d => new PreparedDocument(
                new IncomingDocument(d.Document.Info.SourceName, d.Document.Info.Title, d.Document.Text, SourceFileReader.HashText(d.Document.Text)),
                new Segmentation(d.Document.Paragraphs, d.Document.Sentences),
                d.Analysis,
                "eval"))
            .ToList();
        await writer.WriteAsync(prepared, [], cancellationToken);
        var store = new SqliteDocumentStore(connections);
        IReadOnlyList<DocumentInfo> stored = await store.ListDocumentsAsync(cancellationToken);
        return new TemporaryStore("sqlite", store, new SqliteAnalysisStore(connections), stored.ToDictionary(d => d.Id, d => d.SourceName), path);
    }

    public void Dispose()
    {
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
}
