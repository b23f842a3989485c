using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Tests.Ranking;

public sealed class SentenceRankerTests
{
    [Fact]
    public void Build_LongDocument_KeepsFewNearbyEdgesPerSentence()
    {
        const int m = 5000;
        SimilarityGraph graph = SimilarityGraph.Build(m, (a, b) => 1.0 / (1 + Math.Abs(a - b)));

        for (int a = 0; a < m; a += 97)
        {
            (int[] targets, float[] weights) = graph.EdgesOf(a);
            Assert.Equal(SimilarityGraph.Neighbours, targets.Length);
            Assert.All(targets, b => Assert.InRange(Math.Abs(a - b), 1, SimilarityGraph.Window));
            Assert.Equal(targets.Length, weights.Length);
        }
    }

    [Fact]
    public void Build_ShortDocument_KeepsEveryPositiveEdge()
    {
        SimilarityGraph graph = SimilarityGraph.Build(10, (a, b) => (a + b) % 3 == 0 ? 0 : 0.5);

        (int[] targets, _) = graph.EdgesOf(0);

        Assert.Equal([1, 2, 4, 5, 7, 8], targets);
    }

    [Fact]
    public void Rank_LongDocument_GivesEveryEligibleSentenceASalience()
    {
        (string text, _) = LongText.Document(600);
        var sentences = new DiscussionBot.Text.Documents.TextSegmenter().Segment(text).Sentences.Select(s => s.Text).ToList();

        float[] salience = SentenceRanker.Rank(sentences, sentences.Select(_ => true).ToList(), null, RankerSettings.Default);

        Assert.Equal(1800, salience.Length);
        Assert.All(salience, s => Assert.True(s > 0));
    }

    [Fact]
    public void Rank_LongDocumentWithVectors_ReadsEachVectorOnceAndRanksAsWithArrays()
    {
        (string text, _) = LongText.Document(600);
        var sentences = new DiscussionBot.Text.Documents.TextSegmenter().Segment(text).Sentences.Select(s => s.Text).ToList();
        var embedder = new DiscussionBot.TestKit.CountingEmbedder();
        float[][] vectors = [.. sentences.Select(embedder.VectorOf)];
        bool[] eligible = [.. sentences.Select((_, i) => i % 7 != 3)];
        var counted = new CountingRows(vectors);

        float[] fromArrays = SentenceRanker.Rank(sentences, eligible, vectors, RankerSettings.Default);
        float[] fromCounted = SentenceRanker.Rank(sentences, eligible, counted, RankerSettings.Default);

        Assert.Equal(fromArrays, fromCounted);
        Assert.True(sentences.Count > 2 * SimilarityGraph.Window);
        Assert.All(counted.Reads.Where((_, i) => eligible[i]), reads => Assert.Equal(1, reads));
        Assert.All(counted.Reads.Where((_, i) => !eligible[i]), reads => Assert.Equal(0, reads));
    }

    [Fact]
    public void Rank_WireStory_PutsTheLeadFirst()
    {
        // the lead states the news once; the later sentences repeat the inquiry's details, so they are more central
        string[] sentences =
        [
            "Springfield's mayor quit over the bribery inquiry into city contracts.",
            "The bribery inquiry into city contracts began in March.",
            "Investigators said the bribery inquiry covered city contracts worth millions.",
            "City contracts for road repairs were at the heart of the bribery inquiry.",
            "The inquiry found that contracts were awarded without a tender.",
            "Council members said the contracts inquiry would continue.",
        ];
        bool[] eligible = [.. sentences.Select(_ => true)];

        float[] plain = SentenceRanker.Rank(sentences, eligible, null, RankerSettings.Default);
        float[] wire = SentenceRanker.Rank(sentences, eligible, null, RankerSettings.Default, opensWithDateline: true);

        Assert.NotEqual(0, Array.IndexOf(plain, plain.Max()));
        Assert.Equal(0, Array.IndexOf(wire, wire.Max()));
    }

    /// <summary>Vectors that count how often each row is read (a long document's 8-bit rows decode on every read).</summary>
    private sealed class CountingRows(float[][] rows) : IReadOnlyList<float[]>
    {
        public int[] Reads { get; } = new int[rows.Length];

        public int Count => rows.Length;

        public float[] this[int index]
        {
            get
            {
                Reads[index]++;
                return rows[index];
            }
        }

        public IEnumerator<float[]> GetEnumerator() => rows.AsEnumerable().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
