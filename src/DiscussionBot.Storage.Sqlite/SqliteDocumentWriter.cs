using System.Globalization;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>
/// Writes ingested documents in one IMMEDIATE transaction: every document of a call lands, or none does.
/// An updated document keeps its id (pins and citations refer to it) and has its segmentation replaced.
/// </summary>
public sealed partial class SqliteDocumentWriter(SqliteConnectionFactory connections, TimeProvider timeProvider) : IDocumentWriter
{
    public Task<IReadOnlyList<StoredSource>> ListStoredSourcesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT source_name, content_hash, fingerprint, guild_id FROM documents ORDER BY id";
        var sources = new List<StoredSource>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            sources.Add(new StoredSource(reader.GetString(0), reader.GetString(1), reader.GetString(2))
            {
                GuildId = reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3),
            });
        }

        return Task.FromResult<IReadOnlyList<StoredSource>>(sources);
    }

    public Task<GuildUsage> GetGuildUsageAsync(ulong guildId, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), coalesce(sum(length(text)), 0) FROM documents WHERE guild_id = $guild";
        command.Parameters.AddWithValue("$guild", (long)guildId);
        using SqliteDataReader reader = command.ExecuteReader();
        reader.Read();
        return Task.FromResult(new GuildUsage(reader.GetInt32(0), reader.GetInt64(1)));
    }

    public Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        var statements = new WriteStatements(connection, transaction);
        var ids = keys.Select(key => (Key: key, Id: statements.FindDocument(key))).ToList();
        List<string> unknown = ids.Where(x => x.Id is null).Select(x => x.Key).ToList();
        if (unknown.Count > 0)
        {
            throw new UnknownSourceException(unknown);
        }

        foreach ((_, long? id) in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            statements.DeleteContent(id!.Value);
            statements.DeleteDocument(id.Value);
        }

        if (ids.Count > 0)
        {
            statements.BumpRevision();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task<IngestionReport> WriteAsync(
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
        string now = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        // IMMEDIATE takes the write lock up front, so a concurrent writer waits instead of failing mid-run.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        var statements = new WriteStatements(connection, transaction);
        foreach (PreparedDocument document in documents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The use case already skips known text; this check inside the transaction makes "stored once" hold
            // even against a concurrent writer.
            if (statements.FindSameText(document.Source) is { } owner)
            {
                duplicates.Add(new DuplicateSource(document.Source.SourceName, owner));
                continue;
            }

            long? existingId = statements.FindDocument(document.Source.SourceName);
            long id;
            if (existingId is { } known)
            {
                statements.CheckSameOwner(known, document.Source);
                statements.DeleteContent(known);
                statements.UpdateDocument(known, document, now);
                id = known;
                updated.Add(document.Source.SourceName);
            }
            else
            {
                id = statements.InsertDocument(document, now);
                added.Add(document.Source.SourceName);
            }

            statements.InsertContent(id, document);
        }

        if (added.Count + updated.Count > 0)
        {
            statements.BumpRevision();
        }

        transaction.Commit();
        return Task.FromResult(new IngestionReport(added, updated, unchanged) { Duplicates = duplicates });
    }

    private sealed class WriteStatements(SqliteConnection connection, SqliteTransaction transaction)
    {
        public long? FindDocument(string sourceName)
        {
            using SqliteCommand command = Create("SELECT id FROM documents WHERE source_name = $name");
            command.Parameters.AddWithValue("$name", sourceName);
            return command.ExecuteScalar() is long id ? id : null;
        }

        /// <summary>
        /// A document with the same text that the source's scope can see: for a server's document the operator's and
        /// that server's own; for the operator's, the operator's only (another server's copy must not block it, nor leak).
        /// </summary>
        public string? FindSameText(IncomingDocument source)
        {
            using SqliteCommand command = Create("""
                SELECT source_name FROM documents
                WHERE content_hash = $hash AND source_name <> $name AND (guild_id IS NULL OR guild_id = $guild)
                ORDER BY id LIMIT 1
                """);
            command.Parameters.AddWithValue("$hash", source.ContentHash);
            command.Parameters.AddWithValue("$name", source.SourceName);
            command.Parameters.AddWithValue("$guild", source.Owner is { } owner ? (long)owner.GuildId : DBNull.Value);
            return command.ExecuteScalar() as string;
        }

        /// <summary>A key never moves a document from one owner to another.</summary>
        public void CheckSameOwner(long id, IncomingDocument source)
        {
            using SqliteCommand command = Create("SELECT guild_id FROM documents WHERE id = $id");
            command.Parameters.AddWithValue("$id", id);
            object? stored = command.ExecuteScalar();
            ulong? storedGuild = stored is long guild ? (ulong)guild : null;
            if (storedGuild != source.Owner?.GuildId)
            {
                throw new InvalidOperationException($"{source.SourceName}: that key belongs to another owner's document.");
            }
        }

        public void DeleteDocument(long id)
        {
            using SqliteCommand command = Create("DELETE FROM documents WHERE id = $id");
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }

        public long InsertDocument(PreparedDocument document, string now)
        {
            using SqliteCommand command = Create("""
                INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at, guild_id, added_by_id, added_by_name, origin)
                VALUES ($name, $title, $text, $hash, $fingerprint, $now, $guild, $by, $byName, $origin)
                RETURNING id
                """);
            AddDocumentParameters(command, document, now);
            DocumentOwner? owner = document.Source.Owner;
            command.Parameters.AddWithValue("$guild", owner is null ? DBNull.Value : (long)owner.GuildId);
            command.Parameters.AddWithValue("$by", owner is null ? DBNull.Value : (long)owner.UserId);
            command.Parameters.AddWithValue("$byName", (object?)owner?.UserName ?? DBNull.Value);
            command.Parameters.AddWithValue("$origin", (object?)owner?.Origin ?? DBNull.Value);
            return (long)command.ExecuteScalar()!;
        }

        public void UpdateDocument(long id, PreparedDocument document, string now)
        {
            using SqliteCommand command = Create("""
                UPDATE documents
                SET title = $title, text = $text, content_hash = $hash, fingerprint = $fingerprint, ingested_at = $now
                WHERE id = $id AND source_name = $name
                """);
            AddDocumentParameters(command, document, now);
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
        }

        public void DeleteContent(long id)
        {
            foreach (string table in (string[])["sentences", "paragraphs", "key_phrases"])
            {
                using SqliteCommand command = Create($"DELETE FROM {table} WHERE document_id = $id");
                command.Parameters.AddWithValue("$id", id);
                command.ExecuteNonQuery();
            }
        }

        public void InsertContent(long id, PreparedDocument document)
        {
            using (SqliteCommand command = Create("""
                INSERT INTO paragraphs (document_id, number, start, length, is_furniture)
                VALUES ($doc, $number, $start, $length, $furniture)
                """))
            {
                SqliteParameter number = command.Parameters.Add("$number", SqliteType.Integer);
                SqliteParameter start = command.Parameters.Add("$start", SqliteType.Integer);
                SqliteParameter length = command.Parameters.Add("$length", SqliteType.Integer);
                SqliteParameter furniture = command.Parameters.Add("$furniture", SqliteType.Integer);
                command.Parameters.AddWithValue("$doc", id);
                foreach (Paragraph paragraph in document.Segmentation.Paragraphs)
                {
                    number.Value = paragraph.Number;
                    start.Value = paragraph.Start;
                    length.Value = paragraph.Length;
                    furniture.Value = paragraph.IsFurniture;
                    command.ExecuteNonQuery();
                }
            }

            using (SqliteCommand command = Create("""
                INSERT INTO sentences (document_id, ordinal, paragraph_number, start, length, text, is_quotable, salience, vector)
                VALUES ($doc, $ordinal, $paragraph, $start, $length, $text, $quotable, $salience, $vector)
                """))
            {
                SqliteParameter ordinal = command.Parameters.Add("$ordinal", SqliteType.Integer);
                SqliteParameter paragraph = command.Parameters.Add("$paragraph", SqliteType.Integer);
                SqliteParameter start = command.Parameters.Add("$start", SqliteType.Integer);
                SqliteParameter length = command.Parameters.Add("$length", SqliteType.Integer);
                SqliteParameter text = command.Parameters.Add("$text", SqliteType.Text);
                SqliteParameter quotable = command.Parameters.Add("$quotable", SqliteType.Integer);
                SqliteParameter salience = command.Parameters.Add("$salience", SqliteType.Real);
                SqliteParameter vector = command.Parameters.Add("$vector", SqliteType.Blob);
                command.Parameters.AddWithValue("$doc", id);
                IReadOnlyList<Sentence> sentences = document.Segmentation.Sentences;
                for (int i = 0; i < sentences.Count; i++)
                {
                    Sentence sentence = sentences[i];
                    ordinal.Value = sentence.Ordinal;
                    paragraph.Value = sentence.ParagraphNumber;
                    start.Value = sentence.Start;
                    length.Value = sentence.Length;
                    text.Value = sentence.Text;
                    quotable.Value = sentence.IsQuotable;
                    salience.Value = (double)document.Analysis.SentenceSalience[i];
                    vector.Value = document.Analysis.SentenceVectors is { } vectors ? VectorBlob.Encode(vectors[i]) : DBNull.Value;
                    command.ExecuteNonQuery();
                }
            }

            using (SqliteCommand command = Create("""
                INSERT INTO key_phrases (document_id, rank, phrase, score) VALUES ($doc, $rank, $phrase, $score)
                """))
            {
                SqliteParameter rank = command.Parameters.Add("$rank", SqliteType.Integer);
                SqliteParameter phrase = command.Parameters.Add("$phrase", SqliteType.Text);
                SqliteParameter score = command.Parameters.Add("$score", SqliteType.Real);
                command.Parameters.AddWithValue("$doc", id);
                IReadOnlyList<KeyPhrase> phrases = document.Analysis.KeyPhrases;
                for (int i = 0; i < phrases.Count; i++)
                {
                    rank.Value = i;
                    phrase.Value = phrases[i].Phrase;
                    score.Value = (double)phrases[i].Score;
                    command.ExecuteNonQuery();
                }
            }
        }

        public void BumpRevision()
        {
            using SqliteCommand command = Create(
                "UPDATE store_meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'");
            command.ExecuteNonQuery();
        }

        private static void AddDocumentParameters(SqliteCommand command, PreparedDocument document, string now)
        {
            command.Parameters.AddWithValue("$name", document.Source.SourceName);
            command.Parameters.AddWithValue("$title", document.Source.Title);
            command.Parameters.AddWithValue("$text", document.Source.Text);
            command.Parameters.AddWithValue("$hash", document.Source.ContentHash);
            command.Parameters.AddWithValue("$fingerprint", document.Fingerprint);
            command.Parameters.AddWithValue("$now", now);
        }

        private SqliteCommand Create(string sql)
        {
            SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }
    }
}
