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
        await using var command = new NpgsqlCommand("SELECT count(*), coalesce(sum(length(text)), 0) FROM documents WHERE guild_id = @guild", connection);
        command.Parameters.AddWithValue("guild", (long)guildId);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new GuildUsage((int)reader.GetInt64(0), reader.GetInt64(1));
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

    public async Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        CancellationToken cancellationToken)
    {
        foreach (PreparedDocument document in documents)
        {
            DocumentConsistency.Check(document);
        }

        var added = new List<string>();
        var updated = new List<string>();
        var duplicates = new List<DuplicateSource>();
        DateTimeOffset now = timeProvider.GetUtcNow();

        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using NpgsqlTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        var statements = new WriteStatements(connection, transaction, cancellationToken);
        foreach (PreparedDocument document in documents)
        {
            if (await statements.FindSameTextAsync(document.Source) is { } owner)
            {
                duplicates.Add(new DuplicateSource(document.Source.SourceName, owner));
                continue;
            }

            long id;
            if (await statements.FindDocumentAsync(document.Source.SourceName) is { } known)
            {
                await statements.CheckSameOwnerAsync(known, document.Source);
                foreach (string table in (string[])["sentences", "paragraphs", "key_phrases"])
                {
                    await statements.ExecuteAsync($"DELETE FROM {table} WHERE document_id = @id", ("id", known));
                }

                await statements.UpdateDocumentAsync(known, document, now);
                id = known;
                updated.Add(document.Source.SourceName);
            }
            else
            {
                id = await statements.InsertDocumentAsync(document, now);
                added.Add(document.Source.SourceName);
            }

            await statements.InsertContentAsync(id, document);
        }

        if (added.Count + updated.Count > 0)
        {
            await statements.BumpRevisionAsync();
        }

        await transaction.CommitAsync(cancellationToken);
        return new IngestionReport(added, updated, unchanged) { Duplicates = duplicates };
    }

    private static async Task<NpgsqlTransaction> BeginWriteAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WriterLockKey})", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    private sealed class WriteStatements(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        public async Task<long?> FindDocumentAsync(string sourceName)
        {
            await using NpgsqlCommand command = Create("SELECT id FROM documents WHERE source_name = @name", ("name", sourceName));
            return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
        }

        /// <summary>A document with the same text that the source's scope can see (see the SQLite writer: same rule).</summary>
        public async Task<string?> FindSameTextAsync(IncomingDocument source)
        {
            await using NpgsqlCommand command = Create(
                """
                SELECT source_name FROM documents
                WHERE content_hash = @hash AND source_name <> @name AND (guild_id IS NULL OR guild_id = @guild)
                ORDER BY id LIMIT 1
                """,
                ("hash", source.ContentHash),
                ("name", source.SourceName),
                ("guild", source.Owner is { } owner ? (long)owner.GuildId : DBNull.Value));
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }

        /// <summary>A key never moves a document from one owner to another.</summary>
        public async Task CheckSameOwnerAsync(long id, IncomingDocument source)
        {
            await using NpgsqlCommand command = Create("SELECT guild_id FROM documents WHERE id = @id", ("id", id));
            ulong? storedGuild = await command.ExecuteScalarAsync(cancellationToken) is long guild ? (ulong)guild : null;
            if (storedGuild != source.Owner?.GuildId)
            {
                throw new InvalidOperationException($"{source.SourceName}: that key belongs to another owner's document.");
            }
        }

        public async Task<long> InsertDocumentAsync(PreparedDocument document, DateTimeOffset now)
        {
            DocumentOwner? owner = document.Source.Owner;
            await using NpgsqlCommand command = Create(
                """
                INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at, guild_id, added_by_id, added_by_name, origin)
                VALUES (@name, @title, @text, @hash, @fingerprint, @now, @guild, @by, @byName, @origin)
                RETURNING id
                """,
                ("guild", owner is null ? DBNull.Value : (long)owner.GuildId),
                ("by", owner is null ? DBNull.Value : (long)owner.UserId),
                ("byName", (object?)owner?.UserName ?? DBNull.Value),
                ("origin", (object?)owner?.Origin ?? DBNull.Value));
            AddDocumentParameters(command, document, now);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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

        /// <summary>Paragraphs, sentences and key phrases in three binary COPYs: one round trip per table, however long the document.</summary>
        public async Task InsertContentAsync(long id, PreparedDocument document)
        {
            await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync(
                "COPY paragraphs (document_id, number, start, length, is_furniture) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (Paragraph paragraph in document.Segmentation.Paragraphs)
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
                IReadOnlyList<Sentence> sentences = document.Segmentation.Sentences;
                for (int i = 0; i < sentences.Count; i++)
                {
                    Sentence sentence = sentences[i];
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
                IReadOnlyList<KeyPhrase> phrases = document.Analysis.KeyPhrases;
                for (int i = 0; i < phrases.Count; i++)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(phrases[i].Phrase, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(phrases[i].Score, NpgsqlDbType.Real, cancellationToken);
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
