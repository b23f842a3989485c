using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Text.Tests.Ingestion;

public sealed class DocumentAnalyzerTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task AnalyzeAsync_LexicalMode_OneSaliencePerSentenceAndNoVectors()
    {
        TestEngine engine = TestEngine.Lexical();
        Segmentation segmentation = engine.Segmenter.Segment(SeedText.KimMourning);

        DocumentAnalysis analysis = Assert.Single(await engine.Analyzer.AnalyzeAsync([(Incoming(), segmentation)], CancellationToken.None));

        Assert.Equal(segmentation.Sentences.Count, analysis.SentenceSalience.Count);
        Assert.Null(analysis.SentenceVectors);
        Assert.Equal(0f, analysis.SentenceSalience[segmentation.Sentences.Single(s => !s.IsQuotable).Ordinal]);
        Assert.NotEmpty(analysis.KeyPhrases);
        Assert.All(analysis.KeyPhrases, k => Assert.Contains(k.Phrase, SeedText.KimMourning, StringComparison.Ordinal));
        Assert.EndsWith("lexical", engine.Analyzer.Version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_EmbeddingMode_UnitVectorPerSentence()
    {
        TestEngine engine = TestEngine.WithEmbeddings(fixture.Embedder);
        Segmentation segmentation = engine.Segmenter.Segment(SeedText.KimMourning);

        DocumentAnalysis analysis = Assert.Single(await engine.Analyzer.AnalyzeAsync([(Incoming(), segmentation)], CancellationToken.None));

        Assert.NotNull(analysis.SentenceVectors);
        Assert.Equal(segmentation.Sentences.Count, analysis.SentenceVectors.Count);
        Assert.All(analysis.SentenceVectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.NotEqual(TestEngine.Lexical().Analyzer.Version, engine.Analyzer.Version);
    }

    [Fact]
    public async Task AnalyzeAsync_EmptyDocument_ReturnsEmptyAnalysis()
    {
        TestEngine engine = TestEngine.Lexical();

        DocumentAnalysis analysis = Assert.Single(await engine.Analyzer.AnalyzeAsync([(Incoming(), engine.Segmenter.Segment(""))], CancellationToken.None));

        Assert.Empty(analysis.SentenceSalience);
        Assert.Empty(analysis.KeyPhrases);
    }

    private static IncomingDocument Incoming() => new("seed.txt", SeedText.Title, SeedText.KimMourning, "hash");
}
