using Npgsql;
using Xunit;

namespace DiscussionBot.TestKit.Storage;

/// <summary>
/// The PostgreSQL server the tests use: <c>DISCUSSIONBOT_TEST_POSTGRES</c> (a connection string to a server of your own)
/// or, when that is not set, a throwaway cluster this test process starts itself
/// from the installed server binaries (<see cref="LocalPostgresCluster"/>). With neither, the PostgreSQL tests fail,
/// telling how to get a server, unless <c>DISCUSSIONBOT_TEST_POSTGRES_SKIP=1</c> explicitly allows skipping them.
/// Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "DISCUSSIONBOT_TEST_POSTGRES";
    public const string SkipVariable = "DISCUSSIONBOT_TEST_POSTGRES_SKIP";

    private static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>A fresh, empty database; skips the test only when skipping was explicitly allowed.</summary>
    public static async Task<(string ConnectionString, Func<ValueTask> Drop)> CreateDatabaseAsync()
    {
        string? server = ConnectionString ?? (await LocalPostgresCluster.GetAsync())?.ConnectionString;
        Skip.If(
            server is null && Environment.GetEnvironmentVariable(SkipVariable) == "1",
            $"PostgreSQL tests skipped: {SkipVariable}=1, no {ConnectionVariable} set and no PostgreSQL server installed.");
        if (server is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL store tests need a server: install Debian's postgresql (`bash .ci/postgres.sh install` as root; its binaries under /usr/lib/postgresql " +
                $"are started automatically), or export {ConnectionVariable}=<a connection string to your own server>, " +
                $"or set {SkipVariable}=1 to skip them explicitly.");
        }

        string name = "contract_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        string connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return (connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        });
    }
}
