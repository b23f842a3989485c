using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Documents;

namespace DiscussionBot.Text.Tests.Documents;

public sealed class TextSegmenterTests
{
    private readonly TextSegmenter _segmenter = new();

    public static TheoryData<string> VariedTexts() => new()
    {
        "",
        "   \n\n  ",
        "One sentence without a period",
        "Mr. Smith went to Washington. He met Dr. Jones at 3.5 p.m. on Jan. 5.",
        "The U.S. economy grew 2.4% last year. The U.K. did not.\n\nSee e.g. the report, i.e. the summary.",
        "\"Stop!\" he shouted. “Why?” she asked… Then silence...   And more.\n",
        "Lists:\n- first item\n- second item\n1. numbered item\n2) another one",
        "  Leading spaces. Trailing spaces.   \n\t Tabs\tinside. \r\n Windows line.",
        "J. K. Rowling wrote it. George W. Bush read it.",
        "Wait...what? Yes!!! No?! Fine.",
        SeedText.KimMourning,
    };

    [Theory]
    [MemberData(nameof(VariedTexts))]
    public void Segment_VariedTexts_SentenceTextEqualsTrimmedSpan(string text)
    {
        Segmentation result = _segmenter.Segment(text);

        foreach (Sentence sentence in result.Sentences)
        {
            Assert.Equal(text.Substring(sentence.Start, sentence.Length), sentence.Text);
            Assert.Equal(sentence.Text.Trim(), sentence.Text);
            Assert.NotEmpty(sentence.Text);
            Paragraph paragraph = result.Paragraphs[sentence.ParagraphNumber - 1];
            Assert.InRange(sentence.Start, paragraph.Start, paragraph.End);
            Assert.InRange(sentence.Start + sentence.Length, paragraph.Start, paragraph.End);
        }

        Assert.Equal(Enumerable.Range(0, result.Sentences.Count), result.Sentences.Select(s => s.Ordinal));
        Assert.Equal(Enumerable.Range(1, result.Paragraphs.Count), result.Paragraphs.Select(p => p.Number));
        foreach (Paragraph paragraph in result.Paragraphs)
        {
            string span = text.Substring(paragraph.Start, paragraph.Length);
            Assert.Equal(span.Trim(), span);
            Assert.NotEmpty(span);
        }

        // sentences never overlap and appear in order
        for (int i = 1; i < result.Sentences.Count; i++)
        {
            Assert.True(result.Sentences[i].Start >= result.Sentences[i - 1].Start + result.Sentences[i - 1].Length);
        }
    }

    [Fact]
    public void Segment_EmptyText_ReturnsNothing()
    {
        Segmentation result = _segmenter.Segment(string.Empty);

        Assert.Empty(result.Paragraphs);
        Assert.Empty(result.Sentences);
    }

    [Fact]
    public void Segment_OneSentenceWithoutPunctuation_ReturnsOneQuotableSentence()
    {
        Segmentation result = _segmenter.Segment("North Korea sent troops to Russia and many of them died in the fighting there");

        Sentence sentence = Assert.Single(result.Sentences);
        Assert.True(sentence.IsQuotable);
        Assert.Equal(1, sentence.ParagraphNumber);
    }

    [Fact]
    public void Segment_Abbreviations_DoNotEndSentences()
    {
        const string text = "Mr. Smith met Dr. Jones in the U.S. capital at 3.5 p.m. yesterday. " +
                            "They discussed e.g. tariffs, i.e. taxes. J. K. Rowling was not there. " +
                            "Apple Inc. said nothing. The talks ended.";

        string[] sentences = _segmenter.Segment(text).Sentences.Select(s => s.Text).ToArray();

        Assert.Equal(
            [
                "Mr. Smith met Dr. Jones in the U.S. capital at 3.5 p.m. yesterday.",
                "They discussed e.g. tariffs, i.e. taxes.",
                "J. K. Rowling was not there.",
                "Apple Inc. said nothing.",
                "The talks ended.",
            ],
            sentences);
    }

    [Fact]
    public void Segment_AcronymSpelledLikeAnAbbreviation_EndsTheSentence()
    {
        const string text = "The deal is under review by the SEC. The company said it was unable to estimate the cost. See Sec. 5 of the filing.";

        string[] sentences = _segmenter.Segment(text).Sentences.Select(s => s.Text).ToArray();

        Assert.Equal(["The deal is under review by the SEC.", "The company said it was unable to estimate the cost.", "See Sec. 5 of the filing."], sentences);
    }

    [Fact]
    public void Segment_QuotesAndEllipses_KeepClosingQuoteWithSentence()
    {
        const string text = "He said, “We will win.” Nobody believed it... Then “Why?” she asked. It ended… Later it rained.";

        string[] sentences = _segmenter.Segment(text).Sentences.Select(s => s.Text).ToArray();

        Assert.Equal(
            [
                "He said, “We will win.”",
                "Nobody believed it...",
                "Then “Why?” she asked.",
                "It ended…",
                "Later it rained.",
            ],
            sentences);
    }

    [Fact]
    public void Segment_ListLines_AreSeparateParagraphs()
    {
        Segmentation result = _segmenter.Segment("Key points:\n- troops were sent\n- coffins were shown\n- grief was staged");

        Assert.Equal(4, result.Paragraphs.Count);
        Assert.Equal(4, result.Sentences.Count);
        Assert.Equal("- grief was staged", result.Sentences[3].Text);
    }

    [Fact]
    public void Segment_HardWrappedBlock_IsOneParagraph()
    {
        const string text =
            "The regime staged a public commemoration for the soldiers who\n" +
            "died in the war, and experts say it prepares the population for\n" +
            "further deployments. The event marked an anniversary.\n\n" +
            "A second paragraph follows here.";

        Segmentation result = _segmenter.Segment(text);

        Assert.Equal(2, result.Paragraphs.Count);
        Assert.Equal(3, result.Sentences.Count);
        Assert.StartsWith("The regime staged", result.Sentences[0].Text, StringComparison.Ordinal);
        Assert.EndsWith("further deployments.", result.Sentences[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_Seed_MarksReadTheOriginalLineAsFurniture()
    {
        Segmentation result = _segmenter.Segment(SeedText.KimMourning);

        Paragraph furniture = Assert.Single(result.Paragraphs, p => p.IsFurniture);
        Assert.Equal(2, furniture.Number);
        Sentence line = Assert.Single(result.Sentences, s => s.ParagraphNumber == 2);
        Assert.Equal("Read the original article here", line.Text);
        Assert.False(line.IsQuotable);
        Assert.Equal(11, result.Paragraphs.Count);
        Assert.All(result.Sentences.Where(s => s.ParagraphNumber != 2), s => Assert.True(s.IsQuotable));
    }

    [Theory]
    [InlineData("Advertisement")]
    [InlineData("Click here to subscribe")]
    [InlineData("Share this article")]
    [InlineData("Read more")]
    [InlineData("see related coverage")]
    public void Segment_FurnitureLines_AreNotQuotable(string line)
    {
        Segmentation result = _segmenter.Segment($"Kim Jong Un Mourns Troops\n{line}\nThe regime staged a ceremony. Many saw it as propaganda.");

        Assert.True(result.Paragraphs[1].IsFurniture);
        Assert.False(result.Sentences.Single(s => s.ParagraphNumber == 2).IsQuotable);
        Assert.True(result.Paragraphs[0].IsFurniture);
        Assert.True(result.Sentences.Where(s => s.ParagraphNumber == 3).All(s => s.IsQuotable));
    }

    [Theory]
    [InlineData("Ad sales boost Time Warner profit")]
    [InlineData("Is the party over for Labour?")]
    [InlineData("Yukos owner sues Russia")]
    public void Segment_HeadlineLine_IsTheTitleNotBody(string headline)
    {
        Segmentation result = _segmenter.Segment($"{headline}\n\nQuarterly profits jumped 76%. The firm said sales rose.\n\nShares rose.");

        Assert.True(result.Paragraphs[0].IsFurniture);
        Assert.False(Assert.Single(result.Sentences, s => s.ParagraphNumber == 1).IsQuotable);
        Assert.All(result.Sentences.Where(s => s.ParagraphNumber > 1), s => Assert.True(s.IsQuotable));
    }

    [Theory]
    [InlineData("By John Smith")]
    [InlineData("By Jane Doe, BBC News")]
    [InlineData("Updated 10:32 GMT, March 3, 2015")]
    [InlineData("March 3, 2015")]
    public void Segment_BylinesAndDates_AreFurniture(string line)
    {
        Segmentation result = _segmenter.Segment($"Markets rally on rate hopes\n{line}\nShares rose sharply on Monday. Traders cheered.");

        Assert.True(result.Paragraphs[1].IsFurniture);
        Assert.All(result.Sentences.Where(s => s.ParagraphNumber == 3), s => Assert.True(s.IsQuotable));
    }

    [Fact]
    public void Segment_FirstSentenceOpeningSentence_IsBodyEvenWithoutTitle()
    {
        Segmentation result = _segmenter.Segment("Quarterly profits at TimeWarner jumped 76% to $1.13bn.\n\nThe firm benefited from sales.");

        Assert.All(result.Sentences, s => Assert.True(s.IsQuotable));
    }

    [Theory]
    [InlineData("(CNN)On the 6th of April the clubs played.", "On the 6th of April the clubs played.")]
    [InlineData("LONDON, England (CNN) -- Shares rose on Monday.", "Shares rose on Monday.")]
    [InlineData("WASHINGTON (Reuters) - The Senate voted.", "The Senate voted.")]
    [InlineData("New Delhi, India (CNN)The ambassador apologised.", "The ambassador apologised.")]
    [InlineData("Rio de Janeiro (AP) -- Rain fell all week.", "Rain fell all week.")]
    [InlineData("Tokyo (CNN)\"We are sorry,\" the firm said.", "\"We are sorry,\" the firm said.")]
    public void Segment_Dateline_IsNotPartOfTheFirstSentence(string text, string first)
    {
        Segmentation result = _segmenter.Segment(text + " It was late.");

        Assert.Equal(first, result.Sentences[0].Text);
        Assert.Equal(first, text.Substring(result.Sentences[0].Start, result.Sentences[0].Length));
    }

    [Theory]
    [InlineData("(CNN)On the 6th of April the clubs played. It was late.", true)]
    [InlineData("Markets rally\n\nLONDON, England (CNN) -- Shares rose on Monday. Traders cheered.", true)]
    [InlineData("WASHINGTON (Reuters) - The Senate voted.\n\nIt was late.", true)]
    [InlineData("Ad sales boost Time Warner profit\n\nQuarterly profits at TimeWarner jumped 76%. The firm gained.", false)]
    [InlineData("The clubs played on Monday (CNN reported). It was late.", false)]
    [InlineData("Kuala Lumpur (CNN)The search resumed. It was late.", true)]
    [InlineData("Associated Press (AP) reported the vote. It was late.", false)]
    [InlineData("\"Stop!\" he shouted. Then silence.", false)]
    public void OpensWithDateline_WireStoryOrNot_TellsThem(string text, bool expected)
    {
        Assert.Equal(expected, TextSegmenter.OpensWithDateline(_segmenter.Segment(text)));
    }

    [Fact]
    public void Segment_ByTheEndSentence_IsNotAByline()
    {
        Segmentation result = _segmenter.Segment("Markets rally\nBy the end of the day, shares had risen.\nTraders cheered.");

        Assert.False(result.Paragraphs[1].IsFurniture);
    }

    [Fact]
    public void Segment_SeedSentence_SplitsAtEachPeriod()
    {
        Segmentation result = _segmenter.Segment(SeedText.KimMourning);

        Assert.Contains(result.Sentences, s => s.Text == "The central theme here, undoubtedly, is propaganda.");
        Assert.Contains(result.Sentences, s => s.Text.StartsWith("It is a calculated move", StringComparison.Ordinal) &&
                                               s.Text.EndsWith("“Supreme Leader.”", StringComparison.Ordinal));
    }

    [Fact]
    public void Version_IsStable()
    {
        Assert.False(string.IsNullOrWhiteSpace(_segmenter.Version));
        Assert.Equal(_segmenter.Version, new TextSegmenter().Version);
    }
}
