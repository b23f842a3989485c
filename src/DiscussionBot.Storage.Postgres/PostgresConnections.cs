using DiscussionBot.Storage.Postgres.Schema;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DiscussionBot.Storage.Postgres;

/// <summary>
/// One pooled <see cref="NpgsqlDataSource"/> per process. The first open migrates the schema (once, even with
/// several callers); a failure to reach or migrate the database becomes one clear error without the connection string.
/// </summary>
public sealed class PostgresConnections : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _migration = new(1, 1);
    private volatile bool _migrated;

    public PostgresConnections(IOptions<PostgresStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            CommandTimeout = options.Value.CommandTimeoutSeconds,
        };
        Describe = $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Where the store is, for messages: host, port and database, never credentials.</summary>
    public string Describe { get; }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            throw new PostgresStoreUnavailableException($"the store ({Describe}) cannot be reached: {ex.Message}", ex);
        }
    }

    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        if (_migrated)
        {
            return;
        }

        await _migration.WaitAsync(cancellationToken);
        try
        {
            if (!_migrated)
            {
                await PostgresSchemaMigrator.MigrateAsync(_dataSource, cancellationToken);
                _migrated = true;
            }
        }
        catch (NpgsqlException ex)
        {
            throw new PostgresStoreUnavailableException($"the store ({Describe}) cannot be used: {ex.Message}", ex);
        }
        finally
        {
            _migration.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _migration.Dispose();
    }
}
