using DiscussionBot.Storage.Sqlite;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Contract.Tests;

/// <summary>The store contract on SQLite: a real file in a temporary folder.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override Task<StoreUnderTest> CreateStoreAsync()
    {
        var folder = new TemporaryFolder();
        var options = Options.Create(new StoreOptions { Path = folder.Combine("store", "contract.db") });
        var connections = new SqliteConnectionFactory(options);
        var time = StoreUnderTest.NewTime();
        return Task.FromResult(new StoreUnderTest(
            new SqliteDocumentStore(connections),
            new SqliteDocumentWriter(connections, time),
            new SqliteAnalysisStore(connections),
            new SqlitePinLedger(connections),
            time,
            () => new SqliteDocumentWriter(new SqliteConnectionFactory(options), time),
            () =>
            {
                folder.Dispose();
                return ValueTask.CompletedTask;
            }));
    }
}
