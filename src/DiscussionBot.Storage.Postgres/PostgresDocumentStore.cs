using DiscussionBot.Core.Documents;
using Npgsql;

namespace DiscussionBot.Storage.Postgres;

/// <summary>
/// The read side of the PostgreSQL store. Every replica reads the shared revision on each use (the caches above
/// compare it), so a write through one replica is seen by the others at their next command.
/// </summary>
public sealed class PostgresDocumentStore(PostgresConnections connections) : IDocumentStore
{
    private const string DocumentColumns = """
        d.id, d.source_name, d.title, d.content_hash, length(d.text), d.ingested_at,
        (SELECT count(*) FROM paragraphs p WHERE p.document_id = d.id),
        (SELECT count(*) FROM sentences s WHERE s.document_id = d.id),
        d.guild_id, d.added_by_id, d.added_by_name, d.origin,
        coalesce((SELECT s.vector IS NOT NULL FROM sentences s WHERE s.document_id = d.id AND s.ordinal = 0), false)
        """;

    private readonly Lock _cacheLock = new();
    private (long Revision, IReadOnlyList<DocumentInfo> Documents)? _documentCache;

    public async Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        long revision = await ReadRevisionAsync(connection, cancellationToken);
        lock (_cacheLock)
        {
            if (_documentCache is { } cached && cached.Revision == revision)
            {
                return cached.Documents;
            }
        }

        await using var command = new NpgsqlCommand($"SELECT {DocumentColumns} FROM documents d ORDER BY lower(d.title), d.id", connection);
        IReadOnlyList<DocumentInfo> documents = await ReadDocumentInfosAsync(command, cancellationToken);
        lock (_cacheLock)
        {
            _documentCache = (revision, documents);
        }

        return documents;
    }

    public async Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        // One snapshot for the document and its segmentation, as a concurrent update replaces both.
        await using NpgsqlTransaction snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var info = new NpgsqlCommand($"SELECT {DocumentColumns}, d.text FROM documents d WHERE d.id = @id", connection, snapshot);
        info.Parameters.AddWithValue("id", documentId);
        DocumentInfo? document = null;
        string text = string.Empty;
        await using (NpgsqlDataReader reader = await info.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                document = ReadDocumentInfo(reader);
                text = reader.GetString(13);
            }
        }

        if (document is null)
        {
            return null;
        }

        var paragraphs = new List<Paragraph>();
        await using (var command = new NpgsqlCommand("SELECT number, start, length, is_furniture FROM paragraphs WHERE document_id = @id ORDER BY number", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", documentId);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                paragraphs.Add(new Paragraph(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3)));
            }
        }

        var sentences = new List<Sentence>();
        await using (var command = new NpgsqlCommand(
            "SELECT ordinal, paragraph_number, start, length, text, is_quotable FROM sentences WHERE document_id = @id ORDER BY ordinal", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", documentId);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sentences.Add(new Sentence(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetString(4), reader.GetBoolean(5)));
            }
        }

        return new SourceDocument(document, text, paragraphs, sentences);
    }

    public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(
        IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken) =>
        SearchSentencesAsync(terms, documentId, scope: null, limit, cancellationToken);

    /// <summary>Text search over the documents visible in <paramref name="scope"/>: the operator's and that server's own.</summary>
    public Task<IReadOnlyList<SentenceHit>> SearchSentencesInScopeAsync(
        IReadOnlyList<string> terms, DocumentScope scope, int limit, CancellationToken cancellationToken) =>
        SearchSentencesAsync(terms, documentId: null, scope, limit, cancellationToken);

    private async Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(
        IReadOnlyList<string> terms, long? documentId, DocumentScope? scope, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand();
        string? query = TextSearchQuery.Build(command, terms);
        if (query is null || limit <= 0)
        {
            return [];
        }

        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        command.Connection = connection;
        string scopeFilter = scope is null ? string.Empty : "AND (d.guild_id IS NULL OR d.guild_id = @guild)";
        string documentFilter = documentId is null ? string.Empty : "AND s.document_id = @document";
        command.CommandText = $"""
            SELECT s.document_id, s.ordinal, ts_rank(s.search, q.query) AS rank
            FROM sentences s
            JOIN documents d ON d.id = s.document_id
            CROSS JOIN (SELECT {query} AS query) q
            WHERE s.search @@ q.query AND s.is_quotable {documentFilter} {scopeFilter}
            ORDER BY rank DESC, s.document_id, s.ordinal
            LIMIT @limit
            """;
        if (documentId is long id)
        {
            command.Parameters.AddWithValue("document", id);
        }

        if (scope is not null)
        {
            command.Parameters.AddWithValue("guild", scope.GuildId is { } guild ? (long)guild : DBNull.Value);
        }

        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<SentenceHit>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt32(1), reader.GetFloat(2)));
        }

        return hits;
    }

    public async Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand();
        string? query = TextSearchQuery.Build(command, terms);
        if (query is null || limit <= 0)
        {
            return [];
        }

        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        command.Connection = connection;
        command.CommandText = $"""
            SELECT d.id, ts_rank(d.search, q.query) AS rank
            FROM documents d CROSS JOIN (SELECT {query} AS query) q
            WHERE d.search @@ q.query
            ORDER BY rank DESC, d.id
            LIMIT @limit
            """;
        command.Parameters.AddWithValue("limit", limit);
        var hits = new List<DocumentHit>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new DocumentHit(reader.GetInt64(0), reader.GetFloat(1)));
        }

        return hits;
    }

    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        return await ReadRevisionAsync(connection, cancellationToken);
    }

    internal static async Task<long> ReadRevisionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT value FROM store_meta WHERE key = 'revision'", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<DocumentInfo>> ReadDocumentInfosAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var documents = new List<DocumentInfo>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocumentInfo(reader));
        }

        return documents;
    }

    private static DocumentInfo ReadDocumentInfo(NpgsqlDataReader reader) => new(
        Id: reader.GetInt64(0),
        SourceName: reader.GetString(1),
        Title: reader.GetString(2),
        ContentHash: reader.GetString(3),
        CharacterCount: reader.GetInt32(4),
        ParagraphCount: (int)reader.GetInt64(6),
        SentenceCount: (int)reader.GetInt64(7),
        IngestedAt: reader.GetFieldValue<DateTimeOffset>(5))
    {
        GuildId = reader.IsDBNull(8) ? null : (ulong)reader.GetInt64(8),
        Owner = reader.IsDBNull(8) || reader.IsDBNull(9)
            ? null
            : new DocumentOwner((ulong)reader.GetInt64(8), (ulong)reader.GetInt64(9), reader.IsDBNull(10) ? string.Empty : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11)),
        // A document's sentences get vectors together, so its first sentence tells (one index lookup).
        HasVectors = reader.GetBoolean(12),
    };
}
