using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        return Task.FromResult(new WriteStatements(connection, transaction: null).GuildUsage(guildId));
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

    public Task<IngestionReport> WriteAsync(IReadOnlyList<PreparedDocument> documents, IReadOnlyList<string> unchanged, CancellationToken cancellationToken) =>
        WriteAsync(documents, unchanged, limits: null, cancellationToken);

    public Task<IngestionReport> WriteAsync(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyList<string> unchanged,
        GuildSourceLimits? limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        string now = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        // IMMEDIATE takes the write lock up front (other processes' writers too), so what the plan reads stays true
        // until it is committed, and a concurrent writer waits instead of failing mid-run.
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        var statements = new WriteStatements(connection, transaction);
        var usage = limits is null
            ? new Dictionary<ulong, GuildUsage>()
            : DocumentWritePlan.OwningGuilds(documents).ToDictionary(guild => guild, statements.GuildUsage);
        DocumentWritePlan plan = DocumentWritePlan.Create(documents, statements.FindRows(documents), usage, limits);
        foreach (DocumentWriteStep step in plan.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long id;
            if (step.ReplacesId is long known)
            {
                statements.DeleteContent(known);
                statements.UpdateDocument(known, step.Document, now);
                id = known;
            }
            else
            {
                id = statements.InsertDocument(step.Document, now);
            }

            statements.InsertContent(id, step.Document);
        }

        if (plan.ChangesStore)
        {
            statements.BumpRevision();
        }

        transaction.Commit();
        return Task.FromResult(plan.Report(unchanged));
    }

    private sealed class WriteStatements(SqliteConnection connection, SqliteTransaction? transaction)
    {
        public long? FindDocument(string sourceName)
        {
            using SqliteCommand command = Create("SELECT id FROM documents WHERE source_name = $name");
            command.Parameters.AddWithValue("$name", sourceName);
            return command.ExecuteScalar() is long id ? id : null;
        }

        /// <summary>The stored documents sharing a key or a content hash with one of <paramref name="documents"/> (what the write plan needs).</summary>
        public List<StoredDocumentRow> FindRows(IReadOnlyList<PreparedDocument> documents)
        {
            (IReadOnlyList<string> keys, IReadOnlyList<string> hashes) = DocumentWritePlan.Lookups(documents);
            using SqliteCommand command = Create("""
                SELECT id, source_name, content_hash, guild_id, length(text) FROM documents
                WHERE source_name IN (SELECT value FROM json_each($keys)) OR content_hash IN (SELECT value FROM json_each($hashes))
                """);
            command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(keys, StringListJson.Default.IReadOnlyListString));
            command.Parameters.AddWithValue("$hashes", JsonSerializer.Serialize(hashes, StringListJson.Default.IReadOnlyListString));
            var rows = new List<StoredDocumentRow>();
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new StoredDocumentRow(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3), reader.GetInt64(4)));
            }

            return rows;
        }

        public GuildUsage GuildUsage(ulong guildId)
        {
            using SqliteCommand command = Create("SELECT count(*), coalesce(sum(length(text)), 0) FROM documents WHERE guild_id = $guild");
            command.Parameters.AddWithValue("$guild", (long)guildId);
            using SqliteDataReader reader = command.ExecuteReader();
            reader.Read();
            return new GuildUsage(reader.GetInt32(0), reader.GetInt64(1));
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
                VectorBlobRows? blobs = document.Analysis.SentenceVectors is { } vectors ? new VectorBlobRows(vectors) : null;
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
                    vector.Value = blobs is not null ? blobs.Row(i) : DBNull.Value;
                    command.ExecuteNonQuery();
                }
            }

            InsertKeyPhrases(id, document.Analysis.KeyPhrases);
        }

        public void InsertKeyPhrases(long id, IReadOnlyList<KeyPhrase> phrases)
        {
            using SqliteCommand command = Create("""
                INSERT INTO key_phrases (document_id, rank, phrase, score) VALUES ($doc, $rank, $phrase, $score)
                """);
            SqliteParameter rank = command.Parameters.Add("$rank", SqliteType.Integer);
            SqliteParameter phrase = command.Parameters.Add("$phrase", SqliteType.Text);
            SqliteParameter score = command.Parameters.Add("$score", SqliteType.Real);
            command.Parameters.AddWithValue("$doc", id);
            for (int i = 0; i < phrases.Count; i++)
            {
                rank.Value = i;
                phrase.Value = phrases[i].Phrase;
                score.Value = (double)phrases[i].Score;
                command.ExecuteNonQuery();
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

        public SqliteCommand Create(string sql)
        {
            SqliteCommand command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            return command;
        }
    }
}

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class StringListJson : JsonSerializerContext;
