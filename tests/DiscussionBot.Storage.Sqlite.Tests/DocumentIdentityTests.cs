using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit.Storage;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite.Tests;

/// <summary>Document keys, identical text stored once, and removal by key.</summary>
public sealed class DocumentIdentityTests : IDisposable
{
    private const string StoryA = "Farmers in the north harvested early. Rain is expected next week.";
    private const string StoryB = "The council approved a new bridge. Work starts in spring.";

    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task IngestPathsAsync_SameFileNameInTwoSubfolders_StoresTwoDocumentsKeyedByRelativePath()
    {
        _fixture.Folder.WriteText("in/a/article.txt", StoryA);
        _fixture.Folder.WriteText("in/b/article.txt", StoryB);

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("in")], CancellationToken.None);

        Assert.Equal(["a/article.txt", "b/article.txt"], report.Added);
        IReadOnlyList<DocumentInfo> documents = await _fixture.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.Equal(["a/article.txt", "b/article.txt"], documents.Select(d => d.SourceName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IngestPathsAsync_SameFileNameFromTwoFolderRunsOfFiles_KeepsBothDocuments()
    {
        string first = _fixture.Folder.WriteText("a/article.txt", StoryA);
        string second = _fixture.Folder.WriteText("b/article.txt", StoryB);

        await _fixture.Ingestion.IngestPathsAsync([first], CancellationToken.None);
        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([second], CancellationToken.None);

        Assert.Empty(report.Updated);
        Assert.Single(report.Added);
        Assert.Equal(2, (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public void ListSources_FileInsideWorkingFolder_KeyIsRelativePathOutsideIsFullPath()
    {
        string inside = _fixture.Folder.WriteText("work/news/today.txt", StoryA);
        string outside = _fixture.Folder.WriteText("elsewhere/other.txt", StoryB);

        IReadOnlyList<SourceFile> sources = SourceFileReader.ListSources([inside, outside], _fixture.Folder.Combine("work"));

        Assert.Equal(["news/today.txt", Path.GetFullPath(outside).Replace('\\', '/')], sources.Select(s => s.Key));
    }

    [Fact]
    public async Task IngestPathsAsync_IdenticalTextInOneRun_StoresOnceAndReportsDuplicate()
    {
        _fixture.Folder.WriteText("in/one.txt", StoryA);
        _fixture.Folder.WriteText("in/two.txt", StoryA);

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("in")], CancellationToken.None);

        Assert.Equal(["one.txt"], report.Added);
        Assert.Equal([new DuplicateSource("two.txt", "one.txt")], report.Duplicates);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.Single(await _fixture.Store.SearchSentencesAsync(["harvested"], null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task IngestPathsAsync_TextAlreadyStoredUnderAnotherKey_ReportsDuplicateAndWritesNothing()
    {
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.WriteText("first/story.txt", StoryA)], CancellationToken.None);
        long revision = await _fixture.Store.GetRevisionAsync(CancellationToken.None);

        _fixture.Folder.WriteText("copy/same.txt", StoryA);

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("copy")], CancellationToken.None);

        DuplicateSource duplicate = Assert.Single(report.Duplicates);
        Assert.Equal("same.txt", duplicate.Key);
        Assert.EndsWith("first/story.txt", duplicate.SameAs, StringComparison.Ordinal);
        Assert.False(report.ChangedAnything);
        Assert.Equal(revision, await _fixture.Store.GetRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_DuplicateTextArrivingDirectly_SkippedInsideTransaction()
    {
        await _fixture.Ingestion.IngestAsync([Incoming("one.txt", StoryA)], CancellationToken.None);
        PreparedDocument copy = Prepare("copy.txt", StoryA);

        IngestionReport report = await _fixture.Writer.WriteAsync([copy], [], CancellationToken.None);

        Assert.Equal([new DuplicateSource("copy.txt", "one.txt")], report.Duplicates);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_DocumentUpdatedAwayFromText_FreesThatTextForAnotherKeyInTheSameRun()
    {
        await _fixture.Ingestion.IngestAsync([Incoming("one.txt", StoryA)], CancellationToken.None);

        IngestionReport report = await _fixture.Ingestion.IngestAsync(
            [Incoming("one.txt", StoryB), Incoming("two.txt", StoryA)], CancellationToken.None);

        Assert.Empty(report.Duplicates);
        Assert.Equal(["one.txt"], report.Updated);
        Assert.Equal(["two.txt"], report.Added);
    }

    [Fact]
    public async Task RemoveAsync_KnownKey_RemovesDocumentItsSentencesAndBumpsRevision()
    {
        await _fixture.Ingestion.IngestAsync([Incoming("a/x.txt", StoryA), Incoming("b/x.txt", StoryB)], CancellationToken.None);
        long revision = await _fixture.Store.GetRevisionAsync(CancellationToken.None);

        await _fixture.Ingestion.RemoveAsync(["a/x.txt"], CancellationToken.None);

        Assert.Equal(["b/x.txt"], (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Select(d => d.SourceName));
        Assert.Empty(await _fixture.Store.SearchSentencesAsync(["harvested"], null, 10, CancellationToken.None));
        Assert.Empty(await _fixture.Store.SearchDocumentsAsync(["harvested"], 10, CancellationToken.None));
        Assert.True(await _fixture.Store.GetRevisionAsync(CancellationToken.None) > revision);
        using SqliteConnection connection = _fixture.Connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM paragraphs WHERE document_id NOT IN (SELECT id FROM documents))
                 + (SELECT count(*) FROM key_phrases WHERE document_id NOT IN (SELECT id FROM documents))
                 + (SELECT count(*) FROM sentences WHERE document_id NOT IN (SELECT id FROM documents))
            """;
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public async Task RemoveAsync_OneUnknownKey_RemovesNothing()
    {
        await _fixture.Ingestion.IngestAsync([Incoming("a.txt", StoryA)], CancellationToken.None);

        var error = await Assert.ThrowsAsync<UnknownSourceException>(
            () => _fixture.Ingestion.RemoveAsync(["a.txt", "missing.txt"], CancellationToken.None));

        Assert.Equal(["missing.txt"], error.Keys);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RemoveAsync_ThenIngestSameText_AddsItAgain()
    {
        await _fixture.Ingestion.IngestAsync([Incoming("a.txt", StoryA)], CancellationToken.None);
        await _fixture.Ingestion.RemoveAsync(["a.txt"], CancellationToken.None);

        IngestionReport report = await _fixture.Ingestion.IngestAsync([Incoming("b.txt", StoryA)], CancellationToken.None);

        Assert.Equal(["b.txt"], report.Added);
    }

    [Fact]
    public async Task Open_VersionThreeStore_MigratesKeepingFileNamesAsKeys()
    {
        SqliteConnectionFactory factory = OldStore.Create(_fixture.Folder.Combine("v3.db"), 3, """
            INSERT INTO documents (source_name, title, text, content_hash, fingerprint, ingested_at)
            VALUES ('old.txt', 'Walrus notes', 'Old text about icebergs.', 'h', 'f', '2026-01-01T00:00:00.0000000+00:00');
            """);

        var writer = new SqliteDocumentWriter(factory, _fixture.Time);
        Assert.Equal([new StoredSource("old.txt", "h", "f")], await writer.ListStoredSourcesAsync(CancellationToken.None));
        await writer.RemoveAsync(["old.txt"], CancellationToken.None);
        Assert.Empty(await new SqliteDocumentStore(factory).ListDocumentsAsync(CancellationToken.None));
    }

    private static IncomingDocument Incoming(string key, string text) => new(key, key, text, SourceFileReader.HashText(text));

    private static PreparedDocument Prepare(string key, string text)
    {
        IncomingDocument incoming = Incoming(key, text);
        Segmentation segmentation = new Text.Documents.TextSegmenter().Segment(text);
        return new PreparedDocument(incoming, segmentation, DocumentAnalysis.Empty(segmentation.Sentences.Count), "fp-" + key);
    }
}
