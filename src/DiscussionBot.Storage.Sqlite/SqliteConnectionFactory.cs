using DiscussionBot.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>
/// Opens connections to the store file. The first open creates the folder and migrates the schema;
/// later opens come from Microsoft.Data.Sqlite's pool, so a connection per operation is cheap.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;
    private readonly Lock _migrationLock = new();
    private bool _migrated;

    public SqliteConnectionFactory(IOptions<StoreOptions> options)
    {
        StoreOptions value = options.Value;
        DatabasePath = value.ResolvePath();
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = value.BusyTimeoutSeconds,
        }.ToString();
    }

    public string DatabasePath { get; }

    public SqliteConnection Open()
    {
        EnsureMigrated();
        return OpenRaw();
    }

    /// <summary>Creates and migrates the store now, turning low-level failures into one clear error.</summary>
    public void EnsureMigrated()
    {
        if (Volatile.Read(ref _migrated))
        {
            return;
        }

        lock (_migrationLock)
        {
            if (_migrated)
            {
                return;
            }

            try
            {
                string? folder = Path.GetDirectoryName(DatabasePath);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }

                using SqliteConnection connection = OpenRaw();
                SchemaMigrator.Migrate(connection);
            }
            catch (SqliteException ex)
            {
                throw new StoreUnusableException($"the store at {DatabasePath} cannot be used: {ex.Message}", ex);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new StoreUnusableException($"the store at {DatabasePath} cannot be created: {ex.Message}", ex);
            }

            Volatile.Write(ref _migrated, true);
        }
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using SqliteCommand pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
