using Npgsql;
using Xunit;

namespace DiscussionBot.TestKit.Storage;

/// <summary>
/// The PostgreSQL server the tests use: <c>DISCUSSIONBOT_TEST_POSTGRES</c> (a connection string to a server of your own)
/// or, when that is not set, a throwaway cluster this test process starts itself
/// from the installed server binaries (<see cref="LocalPostgresCluster"/>). With neither, the PostgreSQL tests are
/// skipped with a message saying how to run them, so README's test command passes on a machine without PostgreSQL;
/// CI sets <c>DISCUSSIONBOT_TEST_POSTGRES_REQUIRED=1</c>, which turns that skip into a failure.
/// <c>DISCUSSIONBOT_TEST_POSTGRES_SKIP=1</c> skips them even when a server is available (quicker local runs).
/// Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "DISCUSSIONBOT_TEST_POSTGRES";
    public const string SkipVariable = "DISCUSSIONBOT_TEST_POSTGRES_SKIP";
    public const string RequiredVariable = "DISCUSSIONBOT_TEST_POSTGRES_REQUIRED";

    private static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    /// <summary>A fresh, empty database; skips the test when no server is available and one is not required.</summary>
    public static async Task<(string ConnectionString, Func<ValueTask> Drop)> CreateDatabaseAsync()
    {
        bool required = Environment.GetEnvironmentVariable(RequiredVariable) == "1";
        Skip.If(
            !required && Environment.GetEnvironmentVariable(SkipVariable) == "1",
            $"PostgreSQL tests skipped: {SkipVariable}=1.");

        string? server = ConnectionString ?? (await LocalPostgresCluster.GetAsync())?.ConnectionString;
        const string howTo =
            "install Debian's postgresql (`bash .ci/postgres.sh install` as root; its binaries under /usr/lib/postgresql " +
            "are started automatically), or export " + ConnectionVariable + "=<a connection string to your own server>";
        if (server is null)
        {
            throw required
                ? new InvalidOperationException($"{RequiredVariable}=1 but no PostgreSQL server is available: {howTo}.")
                : new SkipException($"PostgreSQL tests skipped: no server available. To run them, {howTo}.");
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
