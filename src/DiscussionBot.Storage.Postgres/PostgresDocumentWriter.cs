using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace DiscussionBot.Storage.Postgres;

/// <summary>
/// Writes ingested documents in one transaction: every document of a call lands, or none does. Writers from every
/// replica take one advisory lock, so "identical text is stored once" holds across replicas as it does in one process.
/// An updated document keeps its id (pins and citations refer to it) and has its segmentation replaced.
/// </summary>
public sealed partial class PostgresDocumentWriter(PostgresConnections connections, TimeProvider timeProvider) : IDocumentWriter
{
    // An arbitrary constant naming "DiscussionBot document writes" among advisory locks.
    private const long WriterLockKey = 0x44424F5457524954;

    public async Task<IReadOnlyList<StoredSource>> ListStoredSourcesAsync(CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT source_name, content_hash, fingerprint, guild_id FROM documents ORDER BY id", connection);
        var sources = new List<StoredSource>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new StoredSource(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            {
                GuildId = reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3),
            });
        }

        return sources;
    }

    public async Task<GuildUsage> GetGuildUsageAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        return await new WriteStatements(connection, transaction: null, cancellationToken).GuildUsageAsync(guildId);
    }

    public async Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        var statements = new WriteStatements(connection, transaction, cancellationToken);
        var ids = new List<(string Key, long? Id)>();
        foreach (string key in keys)
        {
            ids.Add((key, await statements.FindDocumentAsync(key)));
        }

        List<string> unknown = ids.Where(x => x.Id is null).Select(x => x.Key).ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownSourceException(unknown);
        }

        foreach ((_, long? id) in ids)
        {
            // Paragraphs, sentences and key phrases go with it (ON DELETE CASCADE).
            await statements.ExecuteAsync("DELETE FROM documents WHERE id = @id", ("id", id!.Value));
        }

        if (ids.Count > 0)
        {
            await statements.BumpRevisionAsync();
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IngestionReport> WriteAsync(IReadOnlyList<PreparedDocument> documents, IReadOnlyList<string> unchanged, CancellationToken cancellationToken) =>
        WriteAsync(documents, unchanged, limits: null, cancellationToken);

    public async Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        GuildSourceLimits? limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        DateTimeOffset now = timeProvider.GetUtcNow();
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        // The advisory lock excludes every replica's writers until commit, so what the plan reads stays true.
        await using NpgsqlTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        var statements = new WriteStatements(connection, transaction, cancellationToken);
        var usage = new Dictionary<ulong, GuildUsage>();
        if (limits is not null)
        {
            foreach (ulong guild in DocumentWritePlan.OwningGuilds(documents))
            {
                usage[guild] = await statements.GuildUsageAsync(guild);
            }
        }

        DocumentWritePlan plan = DocumentWritePlan.Create(documents, await statements.FindRowsAsync(documents), usage, limits);
        if (plan.ChangesStore)
        {
            // A few statements per call, however many documents: batched replacements, one multi-row insert, one COPY per table.
            var replaced = plan.Steps.Where(s => s.ReplacesId is not null).ToList();
            var ids = new Dictionary<PreparedDocument, long>();
            if (replaced.Count > 0)
            {
                long[] replacedIds = replaced.Select(s => s.ReplacesId!.Value).ToArray();
                foreach (string table in (string[])["sentences", "paragraphs", "key_phrases"])
                {
                    await statements.ExecuteAsync($"DELETE FROM {table} WHERE document_id = ANY(@ids)", ("ids", replacedIds));
                }

                foreach (DocumentWriteStep step in replaced)
                {
                    await statements.UpdateDocumentAsync(step.ReplacesId!.Value, step.Document, now);
                    ids[step.Document] = step.ReplacesId.Value;
                }
            }

            var inserted = plan.Steps.Where(s => s.ReplacesId is null).Select(s => s.Document).ToList();
            foreach ((PreparedDocument document, long id) in inserted.Zip(await statements.InsertDocumentsAsync(inserted, now)))
            {
                ids[document] = id;
            }

            await statements.InsertContentAsync(plan.Steps.Select(s => (ids[s.Document], s.Document)).ToList());
            await statements.BumpRevisionAsync();
        }

        await transaction.CommitAsync(cancellationToken);
        return plan.Report(unchanged);
    }

    private static async Task<NpgsqlTransaction> BeginWriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriterLockKey})", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private sealed class WriteStatements(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        public async Task<long?> FindDocumentAsync(string sourceName)
        {
            await using NpgsqlCommand command = Create("SELECT id FROM documents WHERE source_name = @name", ("name", sourceName));
            return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
        }

        /// <summary>The stored documents sharing a key or a content hash with one of <paramref name="documents"/> (what the write plan needs).</summary>
        public async Task<List<StoredDocumentRow>> FindRowsAsync(IReadOnlyList<PreparedDocument> documents)
        {
            (IReadOnlyList<string> keys, IReadOnlyList<string> hashes) = DocumentWritePlan.Lookups(documents);
            await using NpgsqlCommand command = Create(
                "SELECT id, source_name, content_hash, guild_id, length(text) FROM documents WHERE source_name = ANY(@keys) OR content_hash = ANY(@hashes)",
                ("keys", keys.ToArray()),
                ("hashes", hashes.ToArray()));
            var rows = new List<StoredDocumentRow>();
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StoredDocumentRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3), reader.GetInt32(4)));
            }

            return rows;
        }

        public async Task<GuildUsage> GuildUsageAsync(ulong guildId)
        {
            await using NpgsqlCommand command = Create("SELECT count(*), coalesce(sum(length(text)), 0) FROM documents WHERE guild_id = @guild", ("guild", (long)guildId));
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new GuildUsage((int)reader.GetInt64(0), reader.GetInt64(1));
        }

        /// <summary>New documents in one statement; their ids in the order given.</summary>
        public async Task<IReadOnlyList<long>> InsertDocumentsAsync(IReadOnlyList<PreparedDocument> documents, DateTimeOffset now)
        {
            if (documents.Count == 0)
            {
                return [];
            }

            await using NpgsqlCommand command = Create(
                """
                INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at, guild_id, added_by_id, added_by_name, origin)
                SELECT name, title, text, hash, fingerprint, @now, guild, by, by_name, origin
                FROM unnest(@names, @titles, @texts, @hashes, @fingerprints, @guilds, @bys, @byNames, @origins)
                     WITH ORDINALITY AS u(name, title, text, hash, fingerprint, guild, by, by_name, origin, position)
                ORDER BY position
                RETURNING id, source_name
                """,
                ("now", now),
                ("names", documents.Select(d => d.Source.SourceName).ToArray()),
                ("titles", documents.Select(d => d.Source.Title).ToArray()),
                ("texts", documents.Select(d => d.Source.Text).ToArray()),
                ("hashes", documents.Select(d => d.Source.ContentHash).ToArray()),
                ("fingerprints", documents.Select(d => d.Fingerprint).ToArray()),
                ("guilds", documents.Select(d => d.Source.Owner is { } o ? (long?)o.GuildId : null).ToArray()),
                ("bys", documents.Select(d => d.Source.Owner is { } o ? (long?)o.UserId : null).ToArray()),
                ("byNames", documents.Select(d => d.Source.Owner?.UserName).ToArray()),
                ("origins", documents.Select(d => d.Source.Owner?.Origin).ToArray()));
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetString(1)] = reader.GetInt64(0);
            }

            return documents.Select(d => ids[d.Source.SourceName]).ToList();
        }

        public async Task UpdateDocumentAsync(long id, PreparedDocument document, DateTimeOffset now)
        {
            await using NpgsqlCommand command = Create(
                """
                UPDATE documents
                SET title = @title, text = @text, content_hash = @hash, fingerprint = @fingerprint, ingested_at = @now
                WHERE id = @id AND source_name = @name
                """,
                ("id", id));
            AddDocumentParameters(command, document, now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Paragraphs, sentences and key phrases in three binary COPYs: one round trip per table, however many and long the documents.</summary>
        public async Task InsertContentAsync(IReadOnlyList<(long Id, PreparedDocument Document)> documents)
        {
            await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
                "COPY paragraphs (document_id, number, start, length, is_furniture) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach ((long id, Paragraph paragraph) in documents.SelectMany(d => d.Document.Segmentation.Paragraphs.Select(p => (d.Id, p))))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(paragraph.Number, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(paragraph.Start, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(paragraph.Length, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(paragraph.IsFurniture, NpgsqlDbType.Boolean, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
                "COPY sentences (document_id, ordinal, paragraph_number, start, length, text, is_quotable, salience, vector) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach ((long id, PreparedDocument document, int i) in documents.SelectMany(d => d.Document.Segmentation.Sentences.Select((_, i) => (d.Id, d.Document, i))))
                {
                    Sentence sentence = document.Segmentation.Sentences[i];
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(sentence.Ordinal, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(sentence.ParagraphNumber, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(sentence.Start, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(sentence.Length, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(sentence.Text, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(sentence.IsQuotable, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(document.Analysis.SentenceSalience[i], NpgsqlDbType.Real, cancellationToken);
                    if (document.Analysis.SentenceVectors is { } vectors)
                    {
                        await copy.WriteAsync(vectors[i], NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
                "COPY key_phrases (document_id, rank, phrase, score) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach ((long id, KeyPhrase phrase, int rank) in documents.SelectMany(d => d.Document.Analysis.KeyPhrases.Select((p, i) => (d.Id, p, i))))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(rank, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(phrase.Phrase, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(phrase.Score, NpgsqlDbType.Real, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }
        }

        public Task BumpRevisionAsync() => ExecuteAsync("UPDATE store_meta SET value = value + 1 WHERE key = 'revision'");

        public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
        {
            await using NpgsqlCommand command = Create(sql, parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private static void AddDocumentParameters(NpgsqlCommand command, PreparedDocument document, DateTimeOffset now)
        {
            command.Parameters.AddWithValue("name", document.Source.SourceName);
            command.Parameters.AddWithValue("title", document.Source.Title);
            command.Parameters.AddWithValue("text", document.Source.Text);
            command.Parameters.AddWithValue("hash", document.Source.ContentHash);
            command.Parameters.AddWithValue("fingerprint", document.Fingerprint);
            command.Parameters.AddWithValue("now", now);
        }

        private NpgsqlCommand Create(string sql, params (string Name, object Value)[] parameters)
        {
            var command = new NpgsqlCommand(sql, connection, transaction);
            foreach ((string name, object value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command;
        }
    }
}
