using System.Globalization;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace DiscussionBot.Benchmarks;

/// <summary>
/// The <c>providers</c> phase: the same corpus ingested (lexically, through <see cref="Core.Ingestion.IngestionService"/>)
/// into a fresh SQLite file and a fresh PostgreSQL database, both given the same synthetic vectors, then every command
/// timed against each store by the same <see cref="ServingBenchmark"/>.
/// </summary>
internal static class ProviderBenchmark
{
    private const int Dimension = 384;

    public static async Task RunAsync(
        BenchmarkCorpus corpus, BenchmarkSettings settings, string work, string seeds, BenchmarkReport report, CancellationToken cancellationToken)
    {
        await using BenchDatabase database = await BenchDatabase.CreateAsync(settings.Postgres);
        await report.NoteAsync($"Providers: {corpus.Name}, {corpus.Documents.Count} documents, SQLite file vs PostgreSQL ({database.Describe})…");
        var postgres = new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:ConnectionString"] = database.ConnectionString,
        };
        string sqlite = Path.Combine(work, $"{corpus.Name}-providers.db");

        IngestionResult sqliteIngest = await IngestionBenchmark.RunAsync(
            corpus with { Name = $"{corpus.Name} → SQLite" }, corpus.Documents, sqlite, seeds, "Lexical", chunk: 1000, cancellationToken);
        IngestionResult postgresIngest = await IngestionBenchmark.RunAsync(
            corpus with { Name = $"{corpus.Name} → PostgreSQL" }, corpus.Documents, Path.Combine(work, "unused.db"), seeds, "Lexical", chunk: 1000, cancellationToken, postgres);
        postgresIngest = postgresIngest with { StoreBytes = await database.SizeAsync(cancellationToken) };
        string server = settings.Postgres is null ? "PostgreSQL: the tests' throwaway cluster, fsync off" : "PostgreSQL: the --postgres server";
        await report.IngestionAsync($"Ingestion into each provider ({server})", [sqliteIngest, postgresIngest]);

        var meter = new CpuMeter();
        int filled = IngestionBenchmark.FillSyntheticVectors(sqlite, Dimension);
        double sqliteFill = meter.Wall.TotalSeconds;
        meter = new CpuMeter();
        int filledPostgres = await database.FillSyntheticVectorsAsync(Dimension, cancellationToken);
        await report.NoteAsync(string.Create(CultureInfo.InvariantCulture,
            $"Synthetic {Dimension}-d vectors (the same ones, by sentence id): SQLite {filled} in {sqliteFill:0.0} s, PostgreSQL {filledPostgres} in {meter.Wall.TotalSeconds:0.0} s."));

        var results = new List<(string Provider, ServingResult Result)>();
        foreach ((string provider, IReadOnlyDictionary<string, string?>? extra) in new[] { ("SQLite", (IReadOnlyDictionary<string, string?>?)null), ("PostgreSQL", postgres) })
        {
            await report.NoteAsync($"Serving {corpus.Name} from {provider}: {settings.Rounds} rounds x {settings.Queries} queries per command…");
            using IHost host = BenchmarkHost.Build(sqlite, seeds, nameof(Text.EngineMode.Embedding), extra);
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var benchmark = new ServingBenchmark(host, corpus, settings.Queries, settings.Rounds, settings.MaxSeconds, seedBudgets: false);
            ServingResult result = await benchmark.RunAsync(cancellationToken);
            await report.ServingAsync(result with { Size = $"{corpus.Name} from {provider}" }, synthetic: true,
                provider == "SQLite" ? IngestionBenchmark.StoreBytes(sqlite) : await database.SizeAsync(cancellationToken), corpus.Megabytes);
            results.Add((provider, result));
        }

        await report.ProvidersAsync(results);
        IngestionBenchmark.DeleteStore(sqlite);
    }

    /// <summary>A database of its own on the given server, or on the tests' server (<see cref="PostgresServer"/>); dropped at the end.</summary>
    private sealed class BenchDatabase : IAsyncDisposable
    {
        private readonly Func<ValueTask> _drop;

        private BenchDatabase(string connectionString, Func<ValueTask> drop)
        {
            ConnectionString = connectionString;
            _drop = drop;
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            Describe = $"{builder.Host}:{builder.Port}";
        }

        public string ConnectionString { get; }

        public string Describe { get; }

        public static async Task<BenchDatabase> CreateAsync(string? server)
        {
            if (server is null)
            {
                (string connectionString, Func<ValueTask> drop) = await PostgresServer.CreateDatabaseAsync();
                return new BenchDatabase(connectionString, drop);
            }

            string name = $"discussionbot_bench_{Environment.ProcessId}";
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }

            return new BenchDatabase(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(server);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            });
        }

        public async Task<long> SizeAsync(CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        /// <summary>The vectors <see cref="IngestionBenchmark.FillSyntheticVectors"/> gives SQLite: same generator, same sentence order.</summary>
        public async Task<int> FillSyntheticVectorsAsync(int dimension, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            var ids = new List<long>();
            await using (var select = new NpgsqlCommand("SELECT id FROM sentences WHERE vector IS NULL ORDER BY id", connection, transaction))
            await using (NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(0));
                }
            }

            await using (var temporary = new NpgsqlCommand("CREATE TEMP TABLE synthetic (id bigint PRIMARY KEY, vector real[]) ON COMMIT DROP", connection, transaction))
            {
                await temporary.ExecuteNonQueryAsync(cancellationToken);
            }

            var random = new Random(Dimension);
            await using (NpgsqlBinaryImporter copy = await connection.BeginBinaryImportAsync("COPY synthetic (id, vector) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                foreach (long id in ids)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(IngestionBenchmark.SyntheticVector(random, dimension), NpgsqlDbType.Array | NpgsqlDbType.Real, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            await using (var update = new NpgsqlCommand(
                "UPDATE sentences s SET vector = t.vector FROM synthetic t WHERE s.id = t.id; UPDATE store_meta SET value = value + 1 WHERE key = 'revision'",
                connection,
                transaction))
            {
                update.CommandTimeout = 600;
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection))
            {
                vacuum.CommandTimeout = 600;
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }

            return ids.Count;
        }

        public ValueTask DisposeAsync() => _drop();
    }
}
