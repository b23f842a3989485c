using DiscussionBot.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Sqlite.Tests;

/// <summary>Builds a store file as an older release left it, to test that it migrates forward.</summary>
internal static class OldStore
{
    /// <summary>Applies the first <paramref name="version"/> migrations, runs <paramref name="sql"/>, then opens it with today's code.</summary>
    public static SqliteConnectionFactory Create(string path, int version, string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = string.Join(";", Migrations.All.Take(version)) + $";PRAGMA user_version = {version};" + sql;
            command.ExecuteNonQuery();
        }

        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = path }));
        using SqliteConnection migrated = factory.Open();
        Assert.Equal(SchemaMigrator.CurrentVersion, SchemaMigrator.ReadVersion(migrated));
        return factory;
    }
}
