using System.Runtime.CompilerServices;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Npgsql;

namespace DiscussionBot.Storage.Postgres;

/// <summary>Reads back what the analyzer computed at ingestion: salience, vectors (<c>real[]</c>) and key phrases.</summary>
public sealed class PostgresAnalysisStore(PostgresConnections connections) : IAnalysisStore
{
    public async Task<DocumentAnalysis?> GetDocumentAnalysisAsync(long documentId, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using NpgsqlTransaction snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM documents WHERE id = @id", connection, snapshot))
        {
            exists.Parameters.AddWithValue("id", documentId);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }

        var salience = new List<float>();
        var vectors = new List<float[]>();
        bool allVectors = true;
        await using (var command = new NpgsqlCommand("SELECT salience, vector FROM sentences WHERE document_id = @id ORDER BY ordinal", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", documentId);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                salience.Add(reader.GetFloat(0));
                if (reader.IsDBNull(1))
                {
                    allVectors = false;
                }
                else
                {
                    vectors.Add(reader.GetFieldValue<float[]>(1));
                }
            }
        }

        var phrases = new List<KeyPhrase>();
        await using (var command = new NpgsqlCommand("SELECT phrase, score FROM key_phrases WHERE document_id = @id ORDER BY rank", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", documentId);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                phrases.Add(new KeyPhrase(reader.GetString(0), reader.GetFloat(1)));
            }
        }

        return new DocumentAnalysis(salience, allVectors && vectors.Count > 0 ? vectors : null, phrases);
    }

    public async IAsyncEnumerable<AnalyzedSentence> ReadQuotableSentencesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await connections.OpenAsync(cancellationToken);
        await using NpgsqlTransaction snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT document_id, ordinal, paragraph_number, text, salience, vector
            FROM sentences WHERE is_quotable
            ORDER BY document_id, ordinal
            """,
            connection,
            snapshot);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AnalyzedSentence(
                DocumentId: reader.GetInt64(0),
                Ordinal: reader.GetInt32(1),
                ParagraphNumber: reader.GetInt32(2),
                Text: reader.GetString(3),
                Salience: reader.GetFloat(4),
                Vector: reader.IsDBNull(5) ? null : reader.GetFieldValue<float[]>(5));
        }
    }
}
