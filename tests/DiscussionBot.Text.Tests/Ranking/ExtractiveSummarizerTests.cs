using DiscussionBot.Text.Lexical;
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

    [Theory]
    [InlineData("Ad sales boost Time Warner profit", true)]
    [InlineData("Advertising market in Europe", false)]
    public void Select_LeadRestatingTheHeadline_IsKeptThoughLessCentral(string headline, bool kept)
    {
        // the lead writes "TimeWarner" as one word, the headline "Time Warner"
        string[] sentences =
        [
            headline,
            "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December.",
            "The firm benefited from sales of high-speed internet connections and higher advert sales.",
            "Sales of its online unit rose 2% in the fourth quarter.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [false, true, true, true], [0f, 0.45f, 1f, 0.9f], null, 2);

        Assert.Equal(kept, chosen.Contains(1));
    }

    [Fact]
    public void Select_HeadlineKnownApartFromTheText_KeepsTheLeadThatRestatesIt()
    {
        string[] sentences =
        [
            "Kim Jong Un held a public commemoration for troops who died fighting for Russia.",
            "The event featured a video of mourning and coffins draped with the flag.",
            "Experts believe the display prepares the public for further deployments.",
        ];

        IReadOnlyList<int> withTitle = ExtractiveSummarizer.Select(
            sentences, [true, true, true], [0.45f, 1f, 0.9f], null, 1, headline: ["Kim Jong Un mourns troops killed fighting for Russia"]);
        IReadOnlyList<int> without = ExtractiveSummarizer.Select(sentences, [true, true, true], [0.45f, 1f, 0.9f], null, 1);

        Assert.Equal([0], withTitle);
        Assert.Equal([1], without);
    }

    [Fact]
    public void Select_LaterSentenceRestatesTheHeadlineMore_LeadIsNotForced()
    {
        string[] sentences =
        [
            "Council approves school budget",
            "The council discussed the school budget on Monday.",
            "The council approved the school budget after a long debate.",
            "Parents welcomed the decision.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [false, true, true, true], [0f, 0.5f, 1f, 0.9f], null, 1);

        Assert.Equal([2], chosen);
    }

    [Fact]
    public void HeadlineWords_JoinedSpellingOfTwoHeadlineWords_CountsForBoth()
    {
        HeadlineWords words = HeadlineWords.Of(["Ad sales boost Time Warner profit"]);

        Assert.Equal(3, words.SharedWith("Profits at TimeWarner jumped."));
        Assert.Equal(0, words.SharedWith("The weather was fine."));
    }

    [Theory]
    [InlineData(1.0, 0.0, 0.9f, 2)] // off (stand-alone rule off too): the most salient sentence, dangling or not
    [InlineData(0.6, 0.0, 0.9f, 1)] // down-weighted: chosen only when clearly central
    [InlineData(1.0, 0.02, 0.99f, 1)] // a stand-alone sentence nearly as good takes its place
    [InlineData(1.0, 0.02, 0.9f, 2)] // but not one far below it
    public void Select_DanglingOpener_GivesWayAsConfigured(double danglingWeight, double tolerance, float standAlone, int expected)
    {
        string[] sentences =
        [
            "Officials met on Monday to review the plan.",
            "The council approved the new budget for schools.",
            "It also cut the money for road repairs by half.",
        ];
        var options = new SummaryOptions { DanglingWeight = danglingWeight, DanglingTolerance = tolerance, StandAlone = PointingBack.None };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [0.1f, standAlone, 1f], null, 1, options);

        Assert.Equal([expected], chosen);
    }

    private static readonly string[] ConnectiveStory =
    [
        "Quarterly profits at the media firm rose by a tenth.",
        "The firm said it now owns part of a search engine.",
        "However, its online unit's underlying profit rose 8% on stronger advertising.",
        "Sales of high-speed connections rose 2% in the quarter.",
    ];

    [Theory]
    [InlineData(false, 1, 2, new[] { 2, 3 })] // off (and no tolerance): the connective shown without what it contrasts with
    [InlineData(true, 1, 2, new[] { 1, 2 })] // it follows the sentence it contrasts with
    [InlineData(true, 1, 1, new[] { 3 })] // no room for both: the best sentence that stands alone instead
    [InlineData(true, 0, 2, new[] { 1, 3 })] // never anchored: replaced, and replaced again
    public void Select_ConnectiveOpener_FollowsItsPredecessorOrGivesWay(bool required, int anchors, int count, int[] expected)
    {
        var options = new SummaryOptions { DanglingTolerance = 0, StandAlone = required ? PointingBack.All : PointingBack.None, AnchorSentences = anchors };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(ConnectiveStory, [true, true, true, true], [0.3f, 0.5f, 1f, 0.6f], null, count, options);

        Assert.Equal(expected, chosen);
    }

    [Theory]
    [InlineData(2, 3, new[] { 1, 2, 3 })] // "It" points back to "But…", which points back to a sentence that stands alone
    [InlineData(1, 2, new[] { 0, 4 })] // one sentence of anchoring is not enough: sentences that stand alone instead
    public void Select_ChainOfSentencesPointingBack_IsTakenWholeOrNotAtAll(int anchors, int count, int[] expected)
    {
        string[] sentences =
        [
            "Quarterly profits at the media firm rose by a tenth.",
            "The firm said it now owns part of a search engine.",
            "But its own online unit had mixed fortunes.",
            "It lost 464,000 subscribers in the fourth quarter.",
            "Sales of high-speed connections rose 2% in the quarter.",
        ];
        var options = new SummaryOptions { DanglingTolerance = 0, StandAlone = PointingBack.All, AnchorSentences = anchors };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true, true, true], [0.45f, 0.2f, 0.4f, 1f, 0.3f], null, count, options);

        Assert.Equal(expected, chosen);
    }

    [Theory]
    [InlineData(new[] { 0, 2 }, new[] { 0, 9 })] // "However, " is left out: the sentence it contrasts with is not shown
    [InlineData(new[] { 1, 2 }, new[] { 0, 0 })] // shown after its predecessor, the sentence is quoted whole
    public void ShownFrom_ConnectiveWithoutItsPredecessor_QuotesFromTheNextWord(int[] chosen, int[] expected)
    {
        IReadOnlyList<string> texts = chosen.Select(i => ConnectiveStory[i]).ToList();

        int[] from = ExtractiveSummarizer.ShownFrom(chosen, texts, SummaryOptions.Default);

        Assert.Equal(expected, from);
    }

    [Theory]
    [InlineData(false, new[] { 1, 2 })] // "He" opens the summary, pointing to a sentence not shown
    [InlineData(true, new[] { 0, 1 })] // it follows the sentence naming him
    public void Select_PronounOpeningTheSummary_FollowsItsPredecessorWhenRequired(bool opening, int[] expected)
    {
        string[] sentences =
        [
            "The mayor opened the new bridge on Monday.",
            "He said the bridge would cut journeys across the river by half.",
            "Traffic on the old bridge had doubled in ten years.",
        ];
        var options = new SummaryOptions { DanglingTolerance = 0, StandAloneOpening = opening };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [0.3f, 1f, 0.5f], null, 2, options);

        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void QuotedAlone_ConnectiveOpener_IsQuotedFromTheNextWordAndKeepsItsText()
    {
        var cited = new DiscussionBot.Core.Answers.CitedSentence(new DiscussionBot.Core.Documents.Citation(1, "Jobs", 4, 9), "However, the firm cut jobs in the north.");

        DiscussionBot.Core.Answers.CitedSentence quoted = ExtractiveSummarizer.QuotedAlone(cited);

        Assert.Equal("the firm cut jobs in the north.", quoted.Shown);
        Assert.Equal(cited.Text, quoted.Text);
        Assert.Equal(cited.Citation, quoted.Citation);
    }

    [Fact]
    public void Select_PronounAfterAChosenSentence_StandsAlone()
    {
        string[] sentences =
        [
            "The council approved the new budget for schools.",
            "It also cut the money for road repairs by half.",
            "Officials met on Monday to review the plan.",
        ];

        // the stand-alone third sentence scores within the swap tolerance, yet "It" follows what it points back to
        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [1f, 0.9f, 0.89f], null, 2);

        Assert.Equal([0, 1], chosen);
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
