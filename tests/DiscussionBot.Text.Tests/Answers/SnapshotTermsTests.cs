using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class SnapshotTermsTests
{
    [Fact]
    public void Build_LongDocument_CountsEachStemOncePerSentence()
    {
        SentenceRow[] rows = Enumerable.Range(0, 3000)
            .Select(i => new SentenceRow(1, i, 1 + (i / 10), i % 3 == 0 ? $"Harvest {i} and harvests again in the valley." : $"Rain {i} fell.", 0))
            .ToArray();

        SnapshotTerms terms = SnapshotTerms.Build(rows);

        Assert.Equal(1000, terms.FrequencyOf("harvest"));
        Assert.Equal(2000, terms.FrequencyOf("rain"));
        Assert.Equal(0, terms.FrequencyOf("the"));
        Assert.True(terms.Holds(2997, terms.IdOf("harvest")));
        Assert.False(terms.Holds(2998, terms.IdOf("harvest")));
    }

    [Fact]
    public void Build_LargeStore_UnknownStemIsHeldByNoSentence()
    {
        SentenceRow[] rows = Enumerable.Range(0, 20_000)
            .Select(i => new SentenceRow(i / 20, i % 20, 1, $"Document {i / 20} reports grain prices number {i}.", 0))
            .ToArray();

        SnapshotTerms terms = SnapshotTerms.Build(rows);

        Assert.Equal(20_000, terms.FrequencyOf("grain"));
        Assert.Equal(-1, terms.IdOf("volcano"));
        Assert.False(terms.Holds(0, terms.IdOf("volcano")));
        Assert.True(terms.Holds(19_999, terms.IdOf("19999")));
    }
}
