using DiscussionBot.Core.Documents;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class SqliteDocumentSearchTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task SearchDocumentsAsync_PlainTerms_RanksWholeDocumentsBestFirst()
    {
        _fixture.Folder.WriteText("d/a.txt", "Gardens need water. Tomatoes grow in summer. Tomatoes like sun and tomatoes like water.");
        _fixture.Folder.WriteText("d/b.txt", "Engines burn fuel. One tomato fell on the road.");
        _fixture.Folder.WriteText("d/c.txt", "Nothing relevant at all here.");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("d")], CancellationToken.None);
        IReadOnlyList<DocumentInfo> documents = await _fixture.Store.ListDocumentsAsync(CancellationToken.None);

        IReadOnlyList<DocumentHit> hits = await _fixture.Store.SearchDocumentsAsync(["tomatoes", "water"], 10, CancellationToken.None);

        Assert.Equal(["a.txt", "b.txt"], hits.Select(h => documents.Single(d => d.Id == h.DocumentId).SourceName));
        Assert.True(hits[0].Score > hits[1].Score);
        Assert.Single(await _fixture.Store.SearchDocumentsAsync(["tomatoes", "water"], 1, CancellationToken.None));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b)")]
    [InlineData("title:propaganda")]
    [InlineData("text:propaganda")]
    [InlineData("propaganda*")]
    [InlineData("'; DROP TABLE documents; --")]
    [InlineData("AND OR NOT")]
    [InlineData("^propaganda")]
    [InlineData("{title text}: x")]
    [InlineData("\"\" OR \"x")]
    public async Task SearchDocumentsAsync_FtsOrSqlSyntax_TreatedAsPlainWords(string hostile)
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);

        IReadOnlyList<DocumentHit> hits = await _fixture.Store.SearchDocumentsAsync([hostile, "propaganda"], 10, CancellationToken.None);

        Assert.Single(hits);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        IReadOnlyList<DocumentHit> alone = await _fixture.Store.SearchDocumentsAsync([hostile], 10, CancellationToken.None);
        Assert.True(alone.Count <= 1);
    }

    [Fact]
    public async Task SearchDocumentsAsync_NoUsableTermsOrZeroLimit_ReturnsNothing()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);

        Assert.Empty(await _fixture.Store.SearchDocumentsAsync(["", "  ", "***", "\"\""], 10, CancellationToken.None));
        Assert.Empty(await _fixture.Store.SearchDocumentsAsync(["propaganda"], 0, CancellationToken.None));
    }

    [Fact]
    public async Task SearchDocumentsAsync_DocumentRewritten_IndexFollowsTheNewText()
    {
        _fixture.Folder.WriteText("d/a.txt", "Zebras roam the plains.");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("d")], CancellationToken.None);
        Assert.Single(await _fixture.Store.SearchDocumentsAsync(["zebras"], 10, CancellationToken.None));

        _fixture.Folder.WriteText("d/a.txt", "Giraffes eat leaves.");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("d")], CancellationToken.None);

        Assert.Empty(await _fixture.Store.SearchDocumentsAsync(["zebras"], 10, CancellationToken.None));
        Assert.Single(await _fixture.Store.SearchDocumentsAsync(["giraffes"], 10, CancellationToken.None));
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Open_VersionTwoStore_MigratesAndIndexesExistingDocuments()
    {
        SqliteConnectionFactory factory = OldStore.Create(_fixture.Folder.Combine("v2.db"), 2, """
            INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at)
            VALUES ('old.txt', 'Walrus notes', 'Old text about icebergs.', 'h', 'f', '2026-01-01T00:00:00.0000000+00:00');
            """);

        var store = new SqliteDocumentStore(factory);
        long id = Assert.Single(await store.ListDocumentsAsync(CancellationToken.None)).Id;
        Assert.Equal(id, Assert.Single(await store.SearchDocumentsAsync(["walrus"], 10, CancellationToken.None)).DocumentId);
        Assert.Equal(id, Assert.Single(await store.SearchDocumentsAsync(["iceberg"], 10, CancellationToken.None)).DocumentId);
    }
}
