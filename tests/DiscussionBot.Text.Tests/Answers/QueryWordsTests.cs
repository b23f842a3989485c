using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class QueryWordsTests
{
    private static readonly CorpusSnapshot Snapshot = new(
        1,
        [],
        [
            new(1, 0, 1, "About 15,000 troops were sent to the border.", 0),
            new(1, 1, 1, "Quarterly profits at US media giant TimeWarner jumped 76%.", 0),
        ],
        0,
        null,
        null);

    [Fact]
    public void Read_HowManyQuestion_KeepsTheContentWordsAndResolvesEachDistinctStemOnce()
    {
        QueryWords words = QueryWords.Read(Snapshot, "How many troops were sent? Troops!");

        // "many" only says a number is wanted; "how" and "were" are stop words
        Assert.Equal(["troops", "sent", "troops"], words.Content.Select(t => t.Lower));
        Assert.Equal(2, words.Stems.Count);
        Assert.Equal(["troops", "sent"], words.Distinct.Select(t => t.Lower));
        Assert.Equal(Snapshot.Terms.IdOf(words.Content[0].Stem), words.Stems[0].Id);
        Assert.True(words.Stems[0].IsHeldBy(Snapshot.Terms, 0));
        Assert.False(words.Stems[0].IsHeldBy(Snapshot.Terms, 1));
        Assert.Equal("How many troops were sent? Troops!", words.Text);
    }

    [Fact]
    public void Read_TwoWordsTheSourcesWriteAsOne_AddsTheJoinedFormToTheSearch()
    {
        QueryWords words = QueryWords.Read(Snapshot, "Time Warner profits");

        Assert.Equal(["timewarner"], words.ExtraSearchTerms);
        Assert.All(words.Stems, s => Assert.True(s.IsHeldBy(Snapshot.Terms, 1)));
    }

    [Theory]
    [InlineData("what did Putin say about the troops", true)]
    [InlineData("what did TimeWarner say", false)]
    [InlineData("Putin", false)] // the opening word is capitalised anyway
    public void AbsentWords_FromTheResolvedWords_FindTheAbsentName(string query, bool expected)
    {
        QueryWords words = QueryWords.Read(Snapshot, query);

        // the verdict reads the ranking's words (a model and an English that know every word in lower case: only capitals name)
        Assert.Equal(expected, new AbsentWords(words, _ => true, _ => false, _ => true).HasName());
    }
}
