using DiscussionBot.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>A document's analysis replaced in place, once its background analysis (sentence vectors) is done.</summary>
public sealed partial class SqliteDocumentWriter
{
    public Task<bool> ReplaceAnalysisAsync(AnalysisReplacement replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        cancellationToken.ThrowIfCancellationRequested();
        DocumentAnalysis analysis = replacement.Analysis;
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        var statements = new WriteStatements(connection, transaction);
        SqliteCommand Create(string sql) => statements.Create(sql);

        long id;
        using (SqliteCommand find = Create("""
            SELECT d.id, (SELECT count(*) FROM sentences s WHERE s.document_id = d.id)
            FROM documents d WHERE d.source_name = $key AND d.fingerprint = $fingerprint
            """))
        {
            find.Parameters.AddWithValue("$key", replacement.Key);
            find.Parameters.AddWithValue("$fingerprint", replacement.ExpectedFingerprint);
            using SqliteDataReader reader = find.ExecuteReader();
            if (!reader.Read() || !DocumentConsistency.Covers(analysis, reader.GetInt32(1)))
            {
                return Task.FromResult(false); // removed or replaced meanwhile: the rollback leaves it as it is
            }

            id = reader.GetInt64(0);
        }

        using (SqliteCommand update = Create("UPDATE sentences SET salience = $salience, vector = $vector WHERE document_id = $doc AND ordinal = $ordinal"))
        {
            update.Parameters.AddWithValue("$doc", id);
            SqliteParameter ordinal = update.Parameters.Add("$ordinal", SqliteType.Integer);
            SqliteParameter salience = update.Parameters.Add("$salience", SqliteType.Real);
            SqliteParameter vector = update.Parameters.Add("$vector", SqliteType.Blob);
            VectorBlobRows? blobs = analysis.SentenceVectors is { } vectors ? new VectorBlobRows(vectors) : null;
            for (int i = 0; i < analysis.SentenceSalience.Count; i++)
            {
                ordinal.Value = i;
                salience.Value = (double)analysis.SentenceSalience[i];
                vector.Value = blobs is not null ? blobs.Row(i) : DBNull.Value;
                update.ExecuteNonQuery();
            }
        }

        using (SqliteCommand clear = Create("DELETE FROM key_phrases WHERE document_id = $doc"))
        {
            clear.Parameters.AddWithValue("$doc", id);
            clear.ExecuteNonQuery();
        }

        statements.InsertKeyPhrases(id, analysis.KeyPhrases);
        using (SqliteCommand document = Create("UPDATE documents SET fingerprint = $fingerprint WHERE id = $doc"))
        {
            document.Parameters.AddWithValue("$doc", id);
            document.Parameters.AddWithValue("$fingerprint", replacement.Fingerprint);
            document.ExecuteNonQuery();
        }

        statements.BumpRevision();
        transaction.Commit();
        return Task.FromResult(true);
    }
}
