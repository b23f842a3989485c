using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Pins;
using DiscussionBot.Storage.Sqlite.Schema;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class SqlitePinLedgerTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ListAsync_AfterRecord_ReturnsPinWithSourcesNewestFirst()
    {
        var ledger = new SqlitePinLedger(_fixture.Connections);
        DateTimeOffset t0 = _fixture.Time.GetUtcNow();
        await ledger.RecordAsync(Pin(messageId: 10, at: t0, new PinnedSource(1, "A", "h1")), CancellationToken.None);
        await ledger.RecordAsync(Pin(messageId: 11, at: t0.AddMinutes(5), new PinnedSource(1, "A", "h1"), new PinnedSource(2, "B", "h2")), CancellationToken.None);
        await ledger.RecordAsync(Pin(messageId: 12, at: t0, guildId: 999), CancellationToken.None);

        IReadOnlyList<PinRecord> pins = await ledger.ListAsync(guildId: 7, limit: 10, CancellationToken.None);

        Assert.Equal([11UL, 10UL], pins.Select(p => p.MessageId));
        Assert.Equal(["A", "B"], pins[0].Sources.Select(s => s.Title));
        Assert.Equal(t0.AddMinutes(5), pins[0].PinnedAt);
        Assert.Equal(ulong.Parse("1130000000000000000", System.Globalization.CultureInfo.InvariantCulture), pins[0].ChannelId);
    }

    [Fact]
    public void ChangedSources_DocumentUpdatedOrRemoved_Listed()
    {
        PinRecord pin = Pin(1, _fixture.Time.GetUtcNow(), new PinnedSource(1, "A", "h1"), new PinnedSource(2, "B", "h2"), new PinnedSource(3, "C", "h3"));
        DocumentInfo[] now =
        [
            new(1, "a.txt", "A", "h1", 10, 1, 1, _fixture.Time.GetUtcNow()),
            new(2, "b.txt", "B", "changed", 10, 1, 1, _fixture.Time.GetUtcNow()),
        ];

        IReadOnlyList<PinnedSource> changed = PinStaleness.ChangedSources(pin, now);

        Assert.Equal([2L, 3L], changed.Select(s => s.DocumentId));
    }

    [Fact]
    public async Task Open_VersionOneStore_MigratesForwardKeepingDocuments()
    {
        string path = _fixture.Folder.Combine("v1.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = Migrations.All[0] + """
                ;PRAGMA user_version = 1;
                INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at)
                VALUES ('old.txt', 'Old', 'Old text.', 'h', 'f', '2026-01-01T00:00:00.0000000+00:00');
                """;
            command.ExecuteNonQuery();
        }

        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = path }));
        using (SqliteConnection migrated = factory.Open())
        {
            Assert.Equal(SchemaMigrator.CurrentVersion, SchemaMigrator.ReadVersion(migrated));
        }

        Assert.Equal("Old", Assert.Single(await new SqliteDocumentStore(factory).ListDocumentsAsync(CancellationToken.None)).Title);
        await new SqlitePinLedger(factory).RecordAsync(Pin(1, _fixture.Time.GetUtcNow()), CancellationToken.None);
    }

    private static PinRecord Pin(ulong messageId, DateTimeOffset at, params PinnedSource[] sources) => Pin(messageId, at, 7, sources);

    private static PinRecord Pin(ulong messageId, DateTimeOffset at, ulong guildId, params PinnedSource[] sources) =>
        new(guildId, 1130000000000000000, messageId, 42, "mod", "all sources", "short", sources, at);
}
