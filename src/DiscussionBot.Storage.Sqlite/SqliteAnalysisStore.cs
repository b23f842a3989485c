using System.Runtime.CompilerServices;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>Reads back what the analyzer computed at ingestion: salience, vectors and key phrases.</summary>
public sealed class SqliteAnalysisStore(SqliteConnectionFactory connections) : IAnalysisStore
{
    public Task<DocumentAnalysis?> GetDocumentAnalysisAsync(long documentId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using SqliteConnection connection = connections.Open();
        using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        using (SqliteCommand exists = connection.CreateCommand())
        {
            exists.Transaction = snapshot;
            exists.CommandText = "SELECT 1 FROM documents WHERE id = $id";
            exists.Parameters.AddWithValue("$id", documentId);
            if (exists.ExecuteScalar() is null)
            {
                return Task.FromResult<DocumentAnalysis?>(null);
            }
        }

        var salience = new List<float>();
        var vectors = new List<float[]>();
        bool allVectors = true;
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = "SELECT salience, vector FROM sentences WHERE document_id = $id ORDER BY ordinal";
            command.Parameters.AddWithValue("$id", documentId);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                salience.Add((float)reader.GetDouble(0));
                if (reader.IsDBNull(1))
                {
                    allVectors = false;
                }
                else
                {
                    vectors.Add(VectorBlob.Decode((byte[])reader.GetValue(1)));
                }
            }
        }

        var phrases = new List<KeyPhrase>();
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.Transaction = snapshot;
            command.CommandText = "SELECT phrase, score FROM key_phrases WHERE document_id = $id ORDER BY rank";
            command.Parameters.AddWithValue("$id", documentId);
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                phrases.Add(new KeyPhrase(reader.GetString(0), (float)reader.GetDouble(1)));
            }
        }

        var analysis = new DocumentAnalysis(salience, allVectors && vectors.Count > 0 ? vectors : null, phrases);
        return Task.FromResult<DocumentAnalysis?>(analysis);
    }

    public async IAsyncEnumerable<AnalyzedSentence> ReadQuotableSentencesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using SqliteConnection connection = connections.Open();
        await using SqliteTransaction snapshot = connection.BeginTransaction(deferred: true);
        await using SqliteCommand command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = """
            SELECT document_id, ordinal, paragraph_number, text, salience, vector
            FROM sentences WHERE is_quotable = 1
            ORDER BY document_id, ordinal
            """;
        await using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
            yield return new AnalyzedSentence(
                DocumentId: reader.GetInt64(0),
                Ordinal: reader.GetInt32(1),
                ParagraphNumber: reader.GetInt32(2),
                Text: reader.GetString(3),
                Salience: (float)reader.GetDouble(4),
                Vector: reader.IsDBNull(5) ? null : VectorBlob.Decode((byte[])reader.GetValue(5)));
        }
    }
}
