using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class CorpusSnapshotTests
{
    [Fact]
    public void Memo_ComputationFails_NotKeptSoTheNextCallComputesAgain()
    {
        var snapshot = new CorpusSnapshot(1, [], [], 0, null, null);
        int calls = 0;

        Assert.Throws<InvalidOperationException>(() => snapshot.Memo<string>("store-themes", () =>
        {
            calls++;
            throw new InvalidOperationException("transient");
        }));
        string value = snapshot.Memo("store-themes", () =>
        {
            calls++;
            return "themes";
        });

        Assert.Equal("themes", value);
        Assert.Equal("themes", snapshot.Memo<string>("store-themes", () => throw new InvalidOperationException("computed twice")));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Extend_ServerSnapshot_ReadsSharedRowsVectorsFromTheOperatorSnapshot()
    {
        var operatorVectors = new QuantizedVectors(2, 4);
        operatorVectors.Set(0, [1, 0, 0, 0]);
        operatorVectors.Set(1, [0, 1, 0, 0]);
        var shared = new CorpusSnapshot(1, [], [new(1, 0, 1, "A.", 0), new(1, 1, 1, "B.", 0)], 4, operatorVectors, [true, true]);
        var own = new QuantizedVectors(1, 4);
        own.Set(0, [0, 0, 1, 0]);

        CorpusSnapshot server = CorpusSnapshot.Extend(shared, 2, [], [new(2, 0, 1, "C.", 0)], 4, own, [true]);

        Assert.Equal(3, server.Rows.Length);
        Assert.Equal(1f, server.Dot(1, [0, 1, 0, 0]), 2);
        Assert.Equal(1f, server.Dot(2, [0, 0, 1, 0]), 2);
        Assert.Equal(0f, server.Dot(0, 2), 2);
        float[] sum = new float[4];
        server.AddVectorTo(0, sum);
        server.AddVectorTo(2, sum);
        Assert.Equal([1f, 0, 1, 0], sum);
    }
    [Fact]
    public void DotRows_ServerSnapshot_ReadsSharedAndOwnRowsAndGivesRowsWithoutAVectorZero()
    {
        var operatorVectors = new QuantizedVectors(2, 4);
        operatorVectors.Set(0, [1, 0, 0, 0]);
        operatorVectors.Set(1, [0, 1, 0, 0]);
        var shared = new CorpusSnapshot(1, [], [new(1, 0, 1, "A.", 0), new(1, 1, 1, "B.", 0)], 4, operatorVectors, [true, true]);

        // the server's matrix holds one row of its two (a row past it has no vector)
        var own = new QuantizedVectors(1, 4);
        own.Set(0, [0.6f, 0.8f, 0, 0]);
        CorpusSnapshot server = CorpusSnapshot.Extend(shared, 2, [], [new(2, 0, 1, "C.", 0), new(2, 1, 1, "D.", 0)], 4, own, [true, false]);
        float[] query = [0.6f, 0.8f, 0, 0];
        float[] scores = [9, 9, 9, 9];

        server.DotRows(0, query, scores);

        Assert.Equal(new[] { server.Dot(0, query), server.Dot(1, query), server.Dot(2, query), 0f }, scores);
        float[] tail = [9, 9];
        server.DotRows(1, query, tail);
        Assert.Equal(new[] { server.Dot(1, query), server.Dot(2, query) }, tail);

        // a server whose vectors were dropped (another dimension) scores its own rows 0
        CorpusSnapshot without = CorpusSnapshot.Extend(shared, 3, [], [new(3, 0, 1, "E.", 0)], 8, new QuantizedVectors(1, 8), [true]);
        float[] all = [9, 9, 9];
        without.DotRows(0, query, all);
        Assert.Equal(new[] { without.Dot(0, query), without.Dot(1, query), 0f }, all);
    }

    [Fact]
    public void ScanSimilarity_LargeStore_SameBestRowsMeanAndSpreadAsScoringEachRow()
    {
        // 24,000 sentences, one in five without a vector: the scan must skip those, as the row-by-row scoring does
        var random = new Random(3);
        const int Count = 24_000;
        var vectors = new QuantizedVectors(Count, 16);
        bool[] hasVector = new bool[Count];
        for (int r = 0; r < Count; r++)
        {
            hasVector[r] = r % 5 != 0;
            vectors.Set(r, hasVector[r] ? Enumerable.Range(0, 16).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray() : new float[16]);
        }

        SentenceRow[] rows = Enumerable.Range(0, Count).Select(r => new SentenceRow(r / 40, r % 40, 1, "S.", 0)).ToArray();
        var snapshot = new CorpusSnapshot(1, [], rows, 16, vectors, hasVector);
        float[] query = VectorMath.Normalize(Enumerable.Range(0, 16).Select(i => (float)(i - 8)).ToArray());

        SimilarityScan scan = QuoteEngine.ScanSimilarity(snapshot, query, (100, Count - 200), 50);

        var scored = Enumerable.Range(100, Count - 200).Where(r => hasVector[r]).Select(r => (Row: r, Score: snapshot.Dot(r, query))).ToList();
        var best = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Row).Take(50).ToList();
        Assert.Equal(best, scan.Top);
        double mean = scored.Sum(s => (double)s.Score) / scored.Count;
        Assert.Equal(mean, scan.Mean, 12);
        Assert.Equal(Math.Sqrt((scored.Sum(s => s.Score * (double)s.Score) / scored.Count) - (mean * mean)), scan.Spread, 12);
    }
}
