using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class SqliteAnalysisStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task GetDocumentAnalysisAsync_AfterIngest_RoundTripsSalienceVectorsAndPhrases()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        DocumentInfo info = Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        var analysis = new SqliteAnalysisStore(_fixture.Connections);

        DocumentAnalysis? stored = await analysis.GetDocumentAnalysisAsync(info.Id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(info.SentenceCount, stored.SentenceSalience.Count);
        Assert.Equal(1f, stored.SentenceSalience[0]);
        Assert.Equal(0.5f, stored.SentenceSalience[1]);
        Assert.NotNull(stored.SentenceVectors);
        Assert.Equal([1f, 2f, -2f], stored.SentenceVectors[2]);
        Assert.Equal(["first phrase", "second phrase"], stored.KeyPhrases.Select(p => p.Phrase));
    }

    [Fact]
    public async Task Ingest_CompactVectors_WritesEveryRowFromTheReusedBufferWithoutIndexerReads()
    {
        var analyzer = new PositionAnalyzer { CompactVectors = true };
        using var fixture = new StoreFixture(analyzer);
        fixture.Folder.WriteText("c/a.txt", string.Join(" ", Enumerable.Range(1, 40).Select(i => $"Sentence number {i} is here.")));
        await fixture.Ingestion.IngestPathsAsync([fixture.Folder.Combine("c")], CancellationToken.None);
        long id = (await fixture.Store.ListDocumentsAsync(CancellationToken.None)).Single().Id;

        DocumentAnalysis? stored = await new SqliteAnalysisStore(fixture.Connections).GetDocumentAnalysisAsync(id, CancellationToken.None);

        Assert.NotNull(stored?.SentenceVectors);
        Assert.Equal(40, stored.SentenceVectors.Count);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal([1f, i, -i], stored.SentenceVectors[i]); // one buffer for every row: each bound blob was copied
        }

        Assert.Equal(0, Assert.Single(analyzer.CompactLists).IndexerReads);
    }

    [Fact]
    public async Task ReadQuotableSentencesAsync_SkipsFurnitureInOrder()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        var analysis = new SqliteAnalysisStore(_fixture.Connections);

        var sentences = new List<AnalyzedSentence>();
        await foreach (AnalyzedSentence sentence in analysis.ReadQuotableSentencesAsync(CancellationToken.None))
        {
            sentences.Add(sentence);
        }

        Assert.DoesNotContain(sentences, s => s.Text == "Read the original article here");
        Assert.Equal(sentences.OrderBy(s => s.Ordinal).Select(s => s.Ordinal), sentences.Select(s => s.Ordinal));
        Assert.All(sentences, s => Assert.NotNull(s.Vector));
    }

    [Fact]
    public async Task GetDocumentAnalysisAsync_LexicalOnlyDocument_HasNoVectors()
    {
        using var fixture = new StoreFixture(new PositionAnalyzer { WithVectors = false });
        fixture.Folder.WriteText("l/a.txt", "One sentence. Two sentences.");
        await fixture.Ingestion.IngestPathsAsync([fixture.Folder.Combine("l")], CancellationToken.None);
        long id = (await fixture.Store.ListDocumentsAsync(CancellationToken.None)).Single().Id;

        DocumentAnalysis? stored = await new SqliteAnalysisStore(fixture.Connections).GetDocumentAnalysisAsync(id, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Null(stored.SentenceVectors);
        Assert.Null(await new SqliteAnalysisStore(fixture.Connections).GetDocumentAnalysisAsync(999, CancellationToken.None));
    }
}
