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
        cancellationToken.ThrowIfCancellationRequested();
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
        cancellationToken.ThrowIfCancellationRequested();
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

        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        IReadOnlyList<SentenceHit> hits = documentId is null
            ? SearchStore(connection, match, null, limit) ?? SearchAll(connection, match, null, limit)
            : SearchAll(connection, match, documentId, limit);
        return Task.FromResult(hits);
    }

    /// <summary>Full-text search over the documents visible in <paramref name="scope"/>: the operator's and that server's own.</summary>
    public Task<IReadOnlyList<SentenceHit>> SearchSentencesInScopeAsync(
        IReadOnlyList<string> terms, DocumentScope scope, int limit, CancellationToken cancellationToken)
    {
        string? match = FtsQuery.FromTerms(terms);
        if (match is null || limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<SentenceHit>>([]);
        }

        using SqliteConnection connection = connections.Open();
        return Task.FromResult<IReadOnlyList<SentenceHit>>(SearchStore(connection, match, scope, limit) ?? SearchScope(connection, match, scope, limit));
    }

    /// <summary>Every match joined to its sentence and document, ranked: (bm25, document, ordinal), quotable and visible in <paramref name="scope"/> only.</summary>
    private static List<SentenceHit> SearchScope(SqliteConnection connection, string match, DocumentScope scope, int limit)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, bm25(sentences_fts) AS rank
            FROM sentences_fts
            JOIN sentences s ON s.id = sentences_fts.rowid
            JOIN documents d ON d.id = s.document_id
            WHERE sentences_fts MATCH $match
              AND s.is_quotable = 1
              AND (d.guild_id IS NULL OR d.guild_id = $guild)
            ORDER BY rank, s.document_id, s.ordinal
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$guild", GuildParameter(scope));
        command.Parameters.AddWithValue("$limit", limit);
        return ReadSentenceHits(command);
    }

    private static object GuildParameter(DocumentScope scope) => scope.GuildId is { } guild ? (long)guild : DBNull.Value;

    /// <summary>
    /// Every match, ranked: (bm25, document, ordinal), quotable only, in scope. For one document, the FTS scan is
    /// bounded to that document's sentence id range (its sentences are written together, so the range is tight);
    /// the document filter still decides, so the result does not depend on that.
    /// </summary>
    private static List<SentenceHit> SearchAll(SqliteConnection connection, string match, long? documentId, int limit)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, bm25(sentences_fts) AS rank
            FROM sentences_fts
            JOIN sentences s ON s.id = sentences_fts.rowid
            WHERE sentences_fts MATCH $match
              AND s.is_quotable = 1
              AND ($document IS NULL OR (
                    s.document_id = $document
                    AND sentences_fts.rowid BETWEEN (SELECT min(id) FROM sentences WHERE document_id = $document)
                                                AND (SELECT max(id) FROM sentences WHERE document_id = $document)))
            ORDER BY rank, s.document_id, s.ordinal
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$document", (object?)documentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadSentenceHits(command);
    }

    /// <summary>Rows of (document, ordinal, bm25) as hits.</summary>
    private static List<SentenceHit> ReadSentenceHits(SqliteCommand command)
    {
        var hits = new List<SentenceHit>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            // FTS5's bm25() is lower-is-better (negative); the port promises higher-is-better.
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt32(1), -reader.GetDouble(2)));
        }

        return hits;
    }

    /// <summary>
    /// Whole-store search without joining every match: FTS5 ranks its matches alone and only the best
    /// <c>limit × PoolFactor</c> are joined to their sentences (and documents, for the scope). The answer is exactly
    /// <see cref="SearchAll"/>'s (all documents when <paramref name="scope"/> is null) or <see cref="SearchScope"/>'s
    /// whenever the pool provably holds it (every match seen, or the last hit kept is strictly better than the
    /// pool's worst, so no tie, unquotable row or other server's row beyond the pool could change it); otherwise null.
    /// </summary>
    private static List<SentenceHit>? SearchStore(SqliteConnection connection, string match, DocumentScope? scope, int limit)
    {
        const int PoolFactor = 4;
        int pool = (int)Math.Min(int.MaxValue, (long)limit * PoolFactor);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, best.rank,
                   coalesce(s.is_quotable = 1 AND ($anyGuild = 1 OR d.guild_id IS NULL OR d.guild_id = $guild), 0)
            FROM (SELECT rowid AS id, bm25(sentences_fts) AS rank
                  FROM sentences_fts
                  WHERE sentences_fts MATCH $match
                  ORDER BY rank
                  LIMIT $pool) AS best
            LEFT JOIN sentences s ON s.id = best.id
            LEFT JOIN documents d ON d.id = s.document_id
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$pool", pool);
        command.Parameters.AddWithValue("$anyGuild", scope is null ? 1 : 0);
        command.Parameters.AddWithValue("$guild", scope is null ? DBNull.Value : GuildParameter(scope));

        var candidates = new List<(long DocumentId, int Ordinal, double Rank)>();
        int seen = 0;
        double worst = double.NegativeInfinity;
        using (SqliteDataReader reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                seen++;
                double rank = reader.GetDouble(2);
                worst = Math.Max(worst, rank);
                if (!reader.IsDBNull(0) && reader.GetInt64(3) == 1)
                {
                    candidates.Add((reader.GetInt64(0), reader.GetInt32(1), rank));
                }
            }
        }

        var hits = candidates
            .OrderBy(c => c.Rank)
            .ThenBy(c => c.DocumentId)
            .ThenBy(c => c.Ordinal)
            .Take(limit)
            .ToList();
        bool complete = seen < pool || (hits.Count == limit && hits[^1].Rank < worst);
        return complete ? hits.Select(h => new SentenceHit(h.DocumentId, h.Ordinal, -h.Rank)).ToList() : null;
    }

    public Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(
        IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        string? match = FtsQuery.FromTerms(terms);
        if (match is null || limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<DocumentHit>>([]);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT rowid, bm25(documents_fts) AS rank
            FROM documents_fts
            WHERE documents_fts MATCH $match
            ORDER BY rank, rowid
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<DocumentHit>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // bm25() is lower-is-better; the port promises higher-is-better
            hits.Add(new DocumentHit(reader.GetInt64(0), -reader.GetDouble(1)));
        }

        return Task.FromResult<IReadOnlyList<DocumentHit>>(hits);
    }

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
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
        // Two statements rather than "$id IS NULL OR d.id = $id": that OR defeats the primary key, so reading one
        // document's info would scan every document (and its text) — the cost of /summary source grew with the store.
        command.CommandText = $"""
            SELECT d.id, d.source_name, d.title, d.content_hash, length(d.text), d.ingested_at,
                   (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),
                   (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),
                   d.guild_id, d.added_by_id, d.added_by_name, d.origin,
                   coalesce((SELECT s.vector IS NOT NULL FROM sentences s WHERE s.document_id = d.id AND s.ordinal = 0), 0)
            FROM documents d
            {(documentId is null ? string.Empty : "WHERE d.id = $id")}
            ORDER BY d.title COLLATE NOCASE, d.id
            """;
        if (documentId is long id)
        {
            command.Parameters.AddWithValue("$id", id);
        }
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
                IngestedAt: DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind))
            {
                GuildId = reader.IsDBNull(8) ? null : (ulong)reader.GetInt64(8),
                Owner = reader.IsDBNull(8) || reader.IsDBNull(9)
                    ? null
                    : new DocumentOwner((ulong)reader.GetInt64(8), (ulong)reader.GetInt64(9), reader.IsDBNull(10) ? string.Empty : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11)),
                // A document's sentences get vectors together, so its first sentence tells (one index lookup).
                HasVectors = reader.GetBoolean(12),
            });
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
