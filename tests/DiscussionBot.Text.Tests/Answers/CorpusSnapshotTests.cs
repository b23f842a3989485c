using DiscussionBot.Text.Answers;

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
}
