using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using Microsoft.Data.Sqlite;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class IngestionTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task IngestPathsAsync_SeedFolder_AddsDocumentWithTitleFromSidecar()
    {
        string seeds = SeedDocuments.WriteSeedFolder(_fixture.Folder);

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None);

        Assert.Equal([SeedDocuments.KimFileName], report.Added);
        DocumentInfo document = Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.Equal(SeedDocuments.KimTitle, document.Title);
        Assert.Equal(SeedDocuments.KimText.Length, document.CharacterCount);
        Assert.True(document.SentenceCount > 20);
    }

    [Fact]
    public async Task IngestPathsAsync_SecondRun_ChangesNothing()
    {
        string seeds = SeedDocuments.WriteSeedFolder(_fixture.Folder);
        await _fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None);
        long revision = await _fixture.Store.GetRevisionAsync(CancellationToken.None);
        byte[] before = await SnapshotAsync();

        IngestionReport again = await _fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None);

        Assert.Empty(again.Added);
        Assert.Empty(again.Updated);
        Assert.Equal([SeedDocuments.KimFileName], again.Unchanged);
        Assert.Equal(revision, await _fixture.Store.GetRevisionAsync(CancellationToken.None));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task IngestPathsAsync_ChangedFile_UpdatesInPlaceKeepingId()
    {
        string file = _fixture.Folder.WriteText("docs/article.txt", "First version. It has two sentences.");
        await _fixture.Ingestion.IngestPathsAsync([file], CancellationToken.None);
        long id = (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Single().Id;

        File.WriteAllText(file, "Second version.\n\nNow with a new paragraph about cannon fodder.");
        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([file], CancellationToken.None);

        Assert.Equal([Path.GetFullPath(file).Replace('\\', '/')], report.Updated);
        SourceDocument? stored = await _fixture.Store.GetDocumentAsync(id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.StartsWith("Second version.", stored.Text, StringComparison.Ordinal);
        Assert.Equal(2, stored.Paragraphs.Count);
        Assert.Empty(await _fixture.Store.SearchSentencesAsync(["sentences"], null, 10, CancellationToken.None));
        Assert.Single(await _fixture.Store.SearchSentencesAsync(["cannon"], null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_NewAnalyzerVersion_ReanalysesUnchangedText()
    {
        var analyzer = new PositionAnalyzer();
        using var fixture = new StoreFixture(analyzer);
        string file = fixture.Folder.WriteText("a.txt", "Some text here. And more text.");
        await fixture.Ingestion.IngestPathsAsync([file], CancellationToken.None);

        analyzer.Version = "position-2";
        IngestionReport report = await fixture.Ingestion.IngestPathsAsync([file], CancellationToken.None);

        Assert.Equal([Path.GetFullPath(file).Replace('\\', '/')], report.Updated);
    }

    [Theory]
    [InlineData("empty.txt", new byte[0], "empty")]
    [InlineData("blank.txt", new byte[] { 32, 10, 9, 10 }, "empty")]
    [InlineData("image.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, "binary")]
    [InlineData("latin1.txt", new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72 }, "not UTF-8")]
    public async Task IngestPathsAsync_BadFile_RejectsNamingFileAndWritesNothing(string name, byte[] bytes, string reason)
    {
        string good = _fixture.Folder.WriteText("in/good.txt", "A perfectly good article. It has sentences.");
        _fixture.Folder.WriteBytes(Path.Combine("in", name), bytes);

        var error = await Assert.ThrowsAsync<RejectedSourceException>(
            () => _fixture.Ingestion.IngestPathsAsync([Path.GetDirectoryName(good)!], CancellationToken.None));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IngestPathsAsync_MissingPath_RejectsNamingPath()
    {
        var error = await Assert.ThrowsAsync<RejectedSourceException>(
            () => _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("nope.txt")], CancellationToken.None));

        Assert.Contains("nope.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_AnalyzerThrows_StoreUnchanged()
    {
        var analyzer = new PositionAnalyzer();
        using var fixture = new StoreFixture(analyzer);
        string seeds = SeedDocuments.WriteSeedFolder(fixture.Folder);
        await fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None);
        byte[] before = await SnapshotAsync(fixture);
        fixture.Folder.WriteText("seeds/new.txt", "A new document. It will not land.");

        analyzer.FailWith = new InvalidOperationException("model crashed");
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None));

        Assert.Equal(before, await SnapshotAsync(fixture));
    }

    [Fact]
    public async Task WriteAsync_FailureOnSecondDocument_RollsBackFirst()
    {
        string seeds = SeedDocuments.WriteSeedFolder(_fixture.Folder);
        await _fixture.Ingestion.IngestPathsAsync([seeds], CancellationToken.None);
        byte[] before = await SnapshotAsync();
        long revision = await _fixture.Store.GetRevisionAsync(CancellationToken.None);

        var good = Prepare("fine.txt", "A fine document. It should not land alone.");
        var broken = Prepare("broken.txt", "Another document. Its analysis is wrong.");
        // The second document's analysis has the wrong number of entries: the writer fails mid-run.
        broken = broken with { Analysis = broken.Analysis with { SentenceSalience = [1f] } };

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _fixture.Writer.WriteAsync([good, broken], [], CancellationToken.None));

        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(revision, await _fixture.Store.GetRevisionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_ConstraintViolationMidTransaction_RollsBack()
    {
        byte[] before = await SnapshotAsync();
        var first = Prepare("one.txt", "Document one. Fine.");
        var second = Prepare("two.txt", "Document two. Also fine.");
        // Two sentences with the same ordinal pass the offset check but break the UNIQUE constraint inside the transaction.
        Sentence[] sentences = [.. second.Segmentation.Sentences];
        sentences[1] = sentences[1] with { Ordinal = sentences[0].Ordinal };
        second = second with { Segmentation = second.Segmentation with { Sentences = sentences } };

        await Assert.ThrowsAsync<SqliteException>(() => _fixture.Writer.WriteAsync([first, second], [], CancellationToken.None));

        Assert.Equal(before, await SnapshotAsync());
        Assert.Empty(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IngestAsync_DuplicateSourceNames_Rejected()
    {
        var a = new IncomingDocument("same.txt", "A", "Text one.", "h1");
        var b = new IncomingDocument("same.txt", "B", "Text two.", "h2");

        await Assert.ThrowsAsync<RejectedSourceException>(() => _fixture.Ingestion.IngestAsync([a, b], CancellationToken.None));
    }

    private PreparedDocument Prepare(string name, string text)
    {
        var incoming = new IncomingDocument(name, name, text, SourceFileReader.HashText(text));
        Segmentation segmentation = new Text.Documents.TextSegmenter().Segment(text);
        int count = segmentation.Sentences.Count;
        return new PreparedDocument(incoming, segmentation, DocumentAnalysis.Empty(count), "fp-" + name);
    }

    private Task<byte[]> SnapshotAsync() => SnapshotAsync(_fixture);

    /// <summary>Every row of every content table, serialised: equal snapshots mean an unchanged store.</summary>
    private static Task<byte[]> SnapshotAsync(StoreFixture fixture)
    {
        using SqliteConnection connection = fixture.Connections.Open();
        var buffer = new MemoryStream();
        using var writer = new StreamWriter(buffer);
        foreach (string table in (string[])["documents", "paragraphs", "sentences", "key_phrases", "store_meta"])
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY 1, 2";
            using SqliteDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    object value = reader.GetValue(i);
                    writer.Write(value is byte[] bytes ? Convert.ToHexString(bytes) : value.ToString());
                    writer.Write('|');
                }

                writer.WriteLine();
            }
        }

        writer.Flush();
        return Task.FromResult(buffer.ToArray());
    }
}
