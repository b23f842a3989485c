using Npgsql;

namespace DiscussionBot.Storage.Postgres.Schema;

/// <summary>
/// Brings the database up to the current schema, one migration per transaction. Replicas may start together: a
/// transaction-scoped advisory lock lets one migrate while the others wait, then find nothing left to do.
/// </summary>
internal static class PostgresSchemaMigrator
{
    // An arbitrary constant naming "DiscussionBot schema migration" among advisory locks.
    private const long MigrationLockKey = 0x44424F5453434845;

    public static int CurrentVersion => PostgresMigrations.All.Count;

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)", cancellationToken);
        while (true)
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", cancellationToken);
            int version = await ReadVersionAsync(connection, transaction, cancellationToken);
            if (version > CurrentVersion)
            {
                throw new PostgresStoreUnavailableException(
                    $"the database has schema version {version}, newer than this build understands ({CurrentVersion}); upgrade DiscussionBot");
            }

            if (version == CurrentVersion)
            {
                await transaction.CommitAsync(cancellationToken);
                return;
            }

            await ExecuteAsync(connection, transaction, PostgresMigrations.All[version], cancellationToken);
            await ExecuteAsync(connection, transaction, "DELETE FROM schema_version", cancellationToken);
            await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@version)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", version + 1);
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
