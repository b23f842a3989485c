using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Tests.Ingestion;

/// <summary>Embedding-mode analysis hands the encoder bounded chunks, whatever the length of a document or the size of a batch.</summary>
public sealed class DocumentAnalyzerChunkingTests
{
    [Fact]
    public async Task AnalyzeAsync_LongDocument_EncodedInBoundedChunksWithEveryVectorKept()
    {
        var embedder = new CountingEmbedder();
        TestEngine engine = TestEngine.WithEmbeddings(embedder);
        (string text, _) = LongText.Document(1600);
        Segmentation segmentation = engine.Segmenter.Segment(text);
        Assert.True(segmentation.Sentences.Count > DocumentAnalyzer.CompactVectorsFrom);

        DocumentAnalysis analysis = Assert.Single(await engine.Analyzer.AnalyzeAsync([(Incoming("long.txt", text), segmentation)], CancellationToken.None));

        Assert.All(embedder.CallSizes, size => Assert.InRange(size, 1, DocumentAnalyzer.EmbedChunkSentences));
        Assert.True(embedder.CallSizes.Count > segmentation.Sentences.Count / DocumentAnalyzer.EmbedChunkSentences);
        Assert.NotNull(analysis.SentenceVectors);
        Assert.Equal(segmentation.Sentences.Count, analysis.SentenceVectors.Count);
        // a document this long keeps its vectors in 8 bits: each comes back as a unit vector close to the one encoded
        Assert.All(segmentation.Sentences, s =>
        {
            float[] vector = analysis.SentenceVectors[s.Ordinal];
            Assert.InRange(VectorMath.Dot(vector, vector), 0.9999, 1.0001);
            Assert.InRange(VectorMath.Dot(embedder.VectorOf(s.Text), vector), 0.995, 1.0001);
        });
        Assert.Equal(segmentation.Sentences.Count, analysis.SentenceSalience.Count);
    }

    [Fact]
    public async Task AnalyzeAsync_LongDocument_RowsCopiedIntoBuffersReadAsTheIndexerReturnsThem()
    {
        TestEngine engine = TestEngine.WithEmbeddings(new CountingEmbedder());
        (string text, _) = LongText.Document(1600);
        Segmentation segmentation = engine.Segmenter.Segment(text);

        DocumentAnalysis analysis = Assert.Single(await engine.Analyzer.AnalyzeAsync([(Incoming("long.txt", text), segmentation)], CancellationToken.None));

        // the 8-bit rows copy themselves into a reader's buffer, exactly as the indexer decodes them
        IReadOnlyList<float[]> compact = analysis.SentenceVectors!;
        var rows = Assert.IsAssignableFrom<ICopiesVectorRows>(compact);
        float[] buffer = new float[rows.Dimension];
        float[][] decoded = compact.Select(v => v).ToArray();
        for (int i = 0; i < decoded.Length; i++)
        {
            rows.CopyRow(i, buffer);
            Assert.Equal(decoded[i], buffer);
        }

        // the ranker's reused row buffers give the salience of the same vectors held as arrays
        var texts = segmentation.Sentences.Select(s => s.Text).ToList();
        var quotable = segmentation.Sentences.Select(s => s.IsQuotable).ToList();
        Assert.Equal(
            SentenceRanker.Rank(texts, quotable, decoded, RankerSettings.Default),
            SentenceRanker.Rank(texts, quotable, compact, RankerSettings.Default));
        Assert.Equal(
            VectorMath.Mean(decoded, rows.Dimension),
            VectorMath.MeanOfRows(compact, Enumerable.Range(0, decoded.Length)));
    }

    [Fact]
    public async Task AnalyzeAsync_ManyShortDocuments_ChunksSpanDocumentsAndVectorsStayExact()
    {
        var embedder = new CountingEmbedder();
        TestEngine engine = TestEngine.WithEmbeddings(embedder);
        var documents = Enumerable.Range(0, 300)
            .Select(i => LongText.Document(4, seed: i).Text)
            .Select((text, i) => (Source: Incoming($"d{i}.txt", text), Segmentation: engine.Segmenter.Segment(text)))
            .ToList();
        int sentences = documents.Sum(d => d.Segmentation.Sentences.Count);
        Assert.True(sentences > DocumentAnalyzer.EmbedChunkSentences);

        IReadOnlyList<DocumentAnalysis> analyses = await engine.Analyzer.AnalyzeAsync(documents, CancellationToken.None);

        Assert.All(embedder.CallSizes, size => Assert.InRange(size, 1, DocumentAnalyzer.EmbedChunkSentences));
        for (int i = 0; i < documents.Count; i++)
        {
            IReadOnlyList<float[]> vectors = analyses[i].SentenceVectors!;
            Assert.Equal(documents[i].Segmentation.Sentences.Count, vectors.Count);
            Assert.All(documents[i].Segmentation.Sentences, s => Assert.Equal(embedder.VectorOf(s.Text), vectors[s.Ordinal]));
        }
    }

    [Fact]
    public async Task AnalyzeAsync_VectorsStreamedFromSeveralThreads_SameAsReturnedInOneArray()
    {
        var streaming = new CountingEmbedder();
        var returning = new ReturningEmbedder(new CountingEmbedder());
        TestEngine engine = TestEngine.WithEmbeddings(streaming);
        (string longText, _) = LongText.Document(1600);
        var documents = Enumerable.Range(0, 40)
            .Select(i => LongText.Document(4, seed: i).Text)
            .Prepend(longText)
            .Select((text, i) => (Source: Incoming($"d{i}.txt", text), Segmentation: engine.Segmenter.Segment(text)))
            .ToList();
        Assert.True(documents[0].Segmentation.Sentences.Count > DocumentAnalyzer.CompactVectorsFrom);

        IReadOnlyList<DocumentAnalysis> streamed = await engine.Analyzer.AnalyzeAsync(documents, CancellationToken.None);
        IReadOnlyList<DocumentAnalysis> returned = await TestEngine.WithEmbeddings(returning).Analyzer.AnalyzeAsync(documents, CancellationToken.None);

        Assert.Equal(documents.Sum(d => d.Segmentation.Sentences.Count), streaming.StreamedTexts);
        for (int i = 0; i < documents.Count; i++)
        {
            Assert.Equal(returned[i].SentenceVectors!.Count, streamed[i].SentenceVectors!.Count);
            Assert.Equal(returned[i].SentenceVectors!, streamed[i].SentenceVectors!);
            Assert.Equal(returned[i].SentenceSalience, streamed[i].SentenceSalience);
            Assert.Equal(returned[i].KeyPhrases, streamed[i].KeyPhrases);
        }
    }

    /// <summary>An embedder with only the array-returning call (the interface's streaming default on top of it).</summary>
    private sealed class ReturningEmbedder(CountingEmbedder inner) : ISentenceEmbedder
    {
        public string ModelName => inner.ModelName;

        public bool IsAvailable => true;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken) => inner.Embed(texts, cancellationToken);
    }

    private static IncomingDocument Incoming(string name, string text) => new(name, name, text, SourceFileReader.HashText(text));
}
