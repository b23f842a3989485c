using DiscussionBot.Storage.Postgres;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Contract.Tests;

/// <summary>The store contract on PostgreSQL: a real server on loopback (see <see cref="PostgresServer"/>), one database per test.</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    protected override async Task<StoreUnderTest> CreateStoreAsync()
    {
        (string connectionString, Func<ValueTask> drop) = await PostgresServer.CreateDatabaseAsync();
        var options = Options.Create(new PostgresStoreOptions { ConnectionString = connectionString });
        var connections = new PostgresConnections(options);
        var replicas = new List<PostgresConnections>();
        var time = StoreUnderTest.NewTime();
        return new StoreUnderTest(
            new PostgresDocumentStore(connections),
            new PostgresDocumentWriter(connections, time),
            new PostgresAnalysisStore(connections),
            new PostgresPinLedger(connections),
            time,
            () =>
            {
                var replica = new PostgresConnections(options);
                replicas.Add(replica);
                return new PostgresDocumentWriter(replica, time);
            },
            async () =>
            {
                foreach (PostgresConnections replica in replicas)
                {
                    await replica.DisposeAsync();
                }

                await connections.DisposeAsync();
                await drop();
            });
    }
}
