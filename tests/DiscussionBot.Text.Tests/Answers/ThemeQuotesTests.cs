using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class ThemeQuotesTests
{
    [Theory]
    [InlineData("It’s seen as an attempt to drive up nationalist sentiment.", true)]
    [InlineData("This commemoration occurred at a gala performance.", true)]
    [InlineData("He said the troops were a tool.", true)]
    [InlineData("However, the company said profits rose.", false)] // a connective is quoted from the next word instead
    [InlineData("The central theme here, undoubtedly, is propaganda.", false)]
    public void PointsBack_PronounOrDemonstrativeOpener(string sentence, bool expected) =>
        Assert.Equal(expected, ThemeQuotes.PointsBack(sentence));

    [Fact]
    public void Choose_SentencePointingBack_IsQuotedRightAfterItsAntecedent()
    {
        // sentence 5 points back to 4, which is not a candidate; 5 ranks first
        List<int> chosen = ThemeQuotes.Choose([5, 9, 2], [5, 9, 2], i => i == 5 ? 4 : null, 3);

        Assert.Equal([4, 5, 9], chosen);
    }

    [Fact]
    public void Choose_NoRoomForThePair_PassesItOverForOneThatStandsAlone()
    {
        List<int> chosen = ThemeQuotes.Choose([9, 2, 5, 7], [9, 2, 5, 7], i => i == 5 ? 4 : null, 3);

        Assert.Equal([9, 2, 7], chosen);
    }

    [Fact]
    public void Choose_AntecedentAlreadyChosen_PointingSentenceJoinsIt()
    {
        List<int> chosen = ThemeQuotes.Choose([4, 9, 5], [4, 9, 5], i => i == 5 ? 4 : null, 3);

        Assert.Equal([4, 5, 9], chosen);
    }

    [Fact]
    public void Choose_LongCandidateList_TakesAtMostCount()
    {
        var order = Enumerable.Range(0, 5000).ToList();

        List<int> chosen = ThemeQuotes.Choose(order, order, i => i % 2 == 1 ? i - 1 : null, 3);

        Assert.Equal([0, 1, 2], chosen);
    }
}
