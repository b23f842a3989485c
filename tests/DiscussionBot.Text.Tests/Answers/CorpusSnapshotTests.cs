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
}
