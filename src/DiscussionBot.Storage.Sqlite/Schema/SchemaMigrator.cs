using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite.Schema;

/// <summary>Brings a store up to the current schema version, one migration per transaction.</summary>
internal static class SchemaMigrator
{
    public static int CurrentVersion => Migrations.All.Count;

    public static void Migrate(SqliteConnection connection)
    {
        int version = ReadVersion(connection);
        if (version > CurrentVersion)
        {
            throw new StoreUnusableException(
                $"the store has schema version {version}, newer than this build understands ({CurrentVersion}); upgrade DiscussionBot or point Store:Path at another file");
        }

        // WAL lets commands read while an ingestion writes; the setting is kept in the file.
        Execute(connection, "PRAGMA journal_mode = WAL;");

        for (int next = version + 1; next <= CurrentVersion; next++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            Execute(connection, Migrations.All[next - 1], transaction);
            Execute(connection, $"PRAGMA user_version = {next};", transaction);
            transaction.Commit();
        }
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
