using DiscussionBot.Core.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace DiscussionBot.Storage.Postgres;

/// <summary>A document's analysis replaced in place, once its background analysis (sentence vectors) is done.</summary>
public sealed partial class PostgresDocumentWriter
{
    public async Task<bool> ReplaceAnalysisAsync(AnalysisReplacement replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        DocumentAnalysis analysis = replacement.Analysis;
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        // The writers' lock: a replacement of the document's content from any replica waits, or is waited for.
        await using NpgsqlTransaction transaction = await BeginWriteAsync(connection, cancellationToken);
        long id;
        await using (var find = new NpgsqlCommand(
            """
            SELECT d.id, (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)
            FROM documents d WHERE d.source_name = @key AND d.fingerprint = @fingerprint
            """,
            connection,
            transaction))
        {
            find.Parameters.AddWithValue("key", replacement.Key);
            find.Parameters.AddWithValue("fingerprint", replacement.ExpectedFingerprint);
            await using NpgsqlDataReader reader = await find.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || !DocumentConsistency.Covers(analysis, (int)reader.GetInt64(1)))
            {
                return false; // removed or replaced meanwhile: the rollback leaves it as it is
            }

            id = reader.GetInt64(0);
        }

        // One round trip: every sentence's new salience and vector, then the key phrases, fingerprint and revision.
        await using var batch = new NpgsqlBatch(connection, transaction);
        for (int i = 0; i < analysis.SentenceSalience.Count; i++)
        {
            var update = new NpgsqlBatchCommand("UPDATE sentences SET salience = @salience, vector = @vector WHERE document_id = @doc AND ordinal = @ordinal");
            update.Parameters.AddWithValue("doc", id);
            update.Parameters.AddWithValue("ordinal", i);
            update.Parameters.AddWithValue("salience", NpgsqlDbType.Real, analysis.SentenceSalience[i]);
            update.Parameters.AddWithValue("vector", NpgsqlDbType.Array | NpgsqlDbType.Real, analysis.SentenceVectors is { } vectors ? vectors[i] : DBNull.Value);
            batch.BatchCommands.Add(update);
        }

        var phrases = new NpgsqlBatchCommand(
            """
            INSERT INTO key_phrases (document_id, rank, phrase, score)
            SELECT @doc, p.rank - 1, p.phrase, p.score FROM unnest(@phrases, @scores) WITH ORDINALITY AS p(phrase, score, rank)
            """);
        phrases.Parameters.AddWithValue("doc", id);
        phrases.Parameters.AddWithValue("phrases", NpgsqlDbType.Array | NpgsqlDbType.Text, analysis.KeyPhrases.Select(p => p.Phrase).ToArray());
        phrases.Parameters.AddWithValue("scores", NpgsqlDbType.Array | NpgsqlDbType.Real, analysis.KeyPhrases.Select(p => p.Score).ToArray());
        var clear = new NpgsqlBatchCommand("DELETE FROM key_phrases WHERE document_id = @doc");
        clear.Parameters.AddWithValue("doc", id);
        var document = new NpgsqlBatchCommand("UPDATE documents SET fingerprint = @fingerprint WHERE id = @doc");
        document.Parameters.AddWithValue("doc", id);
        document.Parameters.AddWithValue("fingerprint", replacement.Fingerprint);
        batch.BatchCommands.Add(clear);
        batch.BatchCommands.Add(phrases);
        batch.BatchCommands.Add(document);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("UPDATE store_meta SET value = value + 1 WHERE key = 'revision'"));
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
