using System.Globalization;
using DiscussionBot.Core.Documents;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>
/// The read side of the store. Microsoft.Data.Sqlite has no truly asynchronous I/O, so the methods run
/// synchronously and return completed tasks; every call uses its own pooled connection, so concurrent
/// commands are safe. The document list is cached per store revision because autocomplete reads it on every keystroke.
/// </summary>
public sealed class SqliteDocumentStore(SqliteConnectionFactory connections) : IDocumentStore
{
    private readonly Lock _cacheLock = new();
    private (long Revision, IReadOnlyList<DocumentInfo> Documents)? _documentCache;

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = connections.Open();
        long revision = ReadRevision(connection);
        lock (_cacheLock)
        {
            if (_documentCache is { } cached && cached.Revision == revision)
            {
                return Task.FromResult(cached.Documents);
            }
        }

        IReadOnlyList<DocumentInfo> documents = ReadDocumentInfos(connection, documentId: null);
        lock (_cacheLock)
        {
            _documentCache = (revision, documents);
        }

        return Task.FromResult(documents);
    }

    public Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        DocumentInfo? info = ReadDocumentInfos(connection, documentId, snapshot).FirstOrDefault();
        if (info is null)
        {
            return Task.FromResult<SourceDocument?>(null);
        }

        string text = ScalarString(connection, snapshot, "SELECT text FROM documents WHERE id = $id", documentId);
        var document = new SourceDocument(info, text, ReadParagraphs(connection, snapshot, documentId), ReadSentences(connection, snapshot, documentId));
        return Task.FromResult<SourceDocument?>(document);
    }

    public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(
        IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken)
    {
        string? match = FtsQuery.FromTerms(terms);
        if (match is null || limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<SentenceHit>>([]);
        }

        using SqliteConnection connection = connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, bm25(sentences_fts) AS rank
            FROM sentences_fts
            JOIN sentences s ON s.id = sentences_fts.rowid
            WHERE sentences_fts MATCH $match
              AND s.is_quotable = 1
              AND ($document IS NULL OR s.document_id = $document)
            ORDER BY rank, s.document_id, s.ordinal
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$document", (object?)documentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);

        var hits = new List<SentenceHit>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            // FTS5's bm25() is lower-is-better (negative); the port promises higher-is-better.
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt32(1), -reader.GetDouble(2)));
        }

        return Task.FromResult<IReadOnlyList<SentenceHit>>(hits);
    }

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection connection = connections.Open();
        return Task.FromResult(ReadRevision(connection));
    }

    internal static long ReadRevision(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM store_meta WHERE key = 'revision'";
        return long.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture);
    }

    private static List<DocumentInfo> ReadDocumentInfos(SqliteConnection connection, long? documentId, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT d.id, d.source_name, d.title, d.content_hash, length(d.text), d.ingested_at,
                   (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),
                   (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)
            FROM documents d
            WHERE $id IS NULL OR d.id = $id
            ORDER BY d.title COLLATE NOCASE, d.id
            """;
        command.Parameters.AddWithValue("$id", (object?)documentId ?? DBNull.Value);
        var documents = new List<DocumentInfo>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            documents.Add(new DocumentInfo(
                Id: reader.GetInt64(0),
                SourceName: reader.GetString(1),
                Title: reader.GetString(2),
                ContentHash: reader.GetString(3),
                CharacterCount: reader.GetInt32(4),
                ParagraphCount: reader.GetInt32(6),
                SentenceCount: reader.GetInt32(7),
                IngestedAt: DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)));
        }

        return documents;
    }

    private static List<Paragraph> ReadParagraphs(SqliteConnection connection, SqliteTransaction transaction, long documentId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT number, start, length, is_furniture FROM paragraphs WHERE document_id = $id ORDER BY number";
        command.Parameters.AddWithValue("$id", documentId);
        var paragraphs = new List<Paragraph>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            paragraphs.Add(new Paragraph(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3)));
        }

        return paragraphs;
    }

    private static List<Sentence> ReadSentences(SqliteConnection connection, SqliteTransaction transaction, long documentId)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT ordinal, paragraph_number, start, length, text, is_quotable
            FROM sentences WHERE document_id = $id ORDER BY ordinal
            """;
        command.Parameters.AddWithValue("$id", documentId);
        var sentences = new List<Sentence>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            sentences.Add(new Sentence(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetBoolean(5)));
        }

        return sentences;
    }

    private static string ScalarString(SqliteConnection connection, SqliteTransaction transaction, string sql, long id)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return (string)command.ExecuteScalar()!;
    }
}
