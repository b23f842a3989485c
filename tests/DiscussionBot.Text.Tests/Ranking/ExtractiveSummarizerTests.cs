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

    private static readonly string[] ConnectiveStory =
    [
        "Quarterly profits at the media firm rose by a tenth.",
        "The firm said it now owns part of a search engine.",
        "However, its online unit's underlying profit rose 8% on stronger advertising.",
        "Sales of high-speed connections rose 2% in the quarter.",
    ];

    [Theory]
    [InlineData(2, 1, new[] { 1, 2 })] // "its online unit's…" would point to nothing once "However, " is left out: the firm's sentence first
    [InlineData(0, 1, new[] { 2 })] // off
    [InlineData(2, 2, new[] { 1, 2, 3 })] // chosen with another sentence, the same: "its" needs the firm's sentence
    public void Select_ConnectiveBeforeAPronoun_IsShownAfterWhatItPointsBackTo(int referentSentences, int count, int[] expected)
    {
        var options = new SummaryOptions { ReferentSentences = referentSentences };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(ConnectiveStory, [true, true, true, true], [0.3f, 0.5f, 1f, 0.6f], null, count, options);

        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void Select_ConnectiveBeforeANoun_IsQuotedFromTheNextWordWithoutItsPredecessor()
    {
        string[] sentences =
        [
            "Quarterly profits at the media firm rose by a tenth.",
            "The firm said it now owns part of a search engine.",
            "However, the company said online profit rose 8% on stronger advertising.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [0.3f, 0.2f, 1f], null, 1);

        Assert.Equal([2], chosen);
        Assert.Equal([9], ExtractiveSummarizer.ShownFrom(chosen, [sentences[2]], SummaryOptions.Default));
    }

    [Theory]
    [InlineData(2, new[] { 1, 2, 3 })] // "It" points back to "But…", which points back to a sentence that stands alone: both shown first
    [InlineData(1, new[] { 3 })] // one sentence does not resolve "It": it is left as it is
    public void Select_ChainOfSentencesPointingBack_IsShownWholeOrNotAtAll(int referentSentences, int[] expected)
    {
        string[] sentences =
        [
            "Quarterly profits at the media firm rose by a tenth.",
            "The firm said it now owns part of a search engine.",
            "But its own online unit had mixed fortunes.",
            "It lost 464,000 subscribers in the fourth quarter.",
            "Sales of high-speed connections rose 2% in the quarter.",
        ];
        var options = new SummaryOptions { ReferentSentences = referentSentences };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true, true, true], [0.45f, 0.2f, 0.4f, 1f, 0.3f], null, 1, options);

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
    [InlineData(2, new[] { 0, 1, 2 })] // "He" follows the sentence naming him
    [InlineData(0, new[] { 1, 2 })] // off: "He" opens the summary, pointing to a sentence not shown
    public void Select_PronounWithoutItsReferent_IsShownAfterTheSentenceNamingIt(int referentSentences, int[] expected)
    {
        string[] sentences =
        [
            "The mayor opened the new bridge on Monday.",
            "He said the bridge would cut journeys across the river by half.",
            "Traffic on the old bridge had doubled in ten years.",
        ];
        var options = new SummaryOptions { ReferentSentences = referentSentences };

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true], [0.3f, 1f, 0.5f], null, 2, options);

        Assert.Equal(expected, chosen);
    }

    [Fact]
    public void Select_ReferentRepeatingAChosenSentence_IsNotShownTwice()
    {
        string[] sentences =
        [
            "The mayor opened the new bridge over the river on Monday.",
            "Traffic on the old bridge had doubled in ten years.",
            "The mayor opened the new bridge over the river on Monday.",
            "He said it would cut journeys by half.",
        ];

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, [true, true, true, true], [1f, 0.5f, 0.9f, 0.95f], null, 2);

        Assert.Equal([0, 3], chosen);
    }

    [Fact]
    public void Select_LongDocumentOfPronouns_ShowsEachReferentOnceBesideItsSentence()
    {
        // 600 paragraphs of three sentences, the second and third of each opening with "It" / "They"
        var sentences = new List<string>();
        for (int p = 0; p < 600; p++)
        {
            sentences.Add($"The council of district {p} met on Monday to discuss the budget.");
            sentences.Add($"It approved {p % 17} new schools and {p % 13} clinics for the district.");
            sentences.Add($"They will open in {2025 + (p % 9)} if the money arrives.");
        }

        float[] salience = sentences.Select((_, i) => (float)(((i * 7919) % 1000) / 1000.0)).ToArray();

        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(sentences, sentences.Select(_ => true).ToList(), salience, null, 12);

        Assert.Equal(chosen.Distinct().Order(), chosen);
        Assert.InRange(chosen.Count, 12, 36);
        Assert.All(chosen.Where(i => i % 3 != 0), i => Assert.Contains(i - 1, chosen));
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

        // "It" follows the sentence it points back to: nothing is added
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
