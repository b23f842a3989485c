using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Tests.Ranking;

public sealed class ExtractiveSummarizerTests
{
    [Fact]
    public void Select_DuplicateSentences_TakesOnlyOneOfThem()
    {
        string[] sentences =
        [
            "The central bank raised interest rates to fight inflation.",
            "The central bank raised interest rates to fight inflation.",
            "Farmers reported a record wheat harvest this summer.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [1f, 0.99f, 0.5f], null, 2);

        Assert.Equal([0, 2], chosen);
    }

    [Fact]
    public void Select_NotQuotable_IsNeverChosen()
    {
        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(["Read the original article here", "Troops were sent abroad."], [false, true], [5f, 1f], null, 2);

        Assert.Equal([1], chosen);
    }

    [Theory]
    [InlineData(0.85f, true)]
    [InlineData(0.5f, false)]
    public void Select_LeadNearlyAsCentralAsTheBest_IsKept(float leadSalience, bool kept)
    {
        string[] sentences =
        [
            "Quarterly profits at the media firm jumped 76% to $1.13bn.",
            "The firm benefited from higher advert sales.",
            "Sales of high-speed internet connections also rose.",
            "Its online unit lost subscribers in the quarter.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true, true], [leadSalience, 1f, 0.95f, 0.9f], null, 1);

        Assert.Equal(kept, chosen.Contains(0));
    }

    [Fact]
    public void Select_DanglingLead_IsNotForced()
    {
        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(
            ["It has all gone for him now.", "The striker left the club after ten years."], [true, true], [0.95f, 1f], null, 1);

        Assert.Equal([1], chosen);
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.7, 0.0)]
    [InlineData(1.0, 1.0)]
    public void MeaningOverlap_CosineBelowFloor_CountsAsNoOverlap(double cosine, double expected)
    {
        Assert.Equal(expected, ExtractiveSummarizer.MeaningOverlap(cosine, SummaryOptions.Default.RedundancyFloor), 6);
    }
}
