using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class SummaryEngineTests
{
    [Theory]
    [InlineData(SummaryLength.Short)]
    [InlineData(SummaryLength.Medium)]
    [InlineData(SummaryLength.Long)]
    public async Task SummarizeAsync_Seed_ReturnsVerbatimCitedSentencesInSourceOrder(SummaryLength length)
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddSeedAsync();
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, length), CancellationToken.None);

        Assert.NotEmpty(summary.Sentences);
        Assert.Equal(id, summary.DocumentId);
        Assert.Equal(SeedText.Title, summary.ScopeTitle);
        foreach (CitedSentence cited in summary.Sentences)
        {
            Sentence source = document.Sentences[cited.Citation.SentenceOrdinal];
            Assert.Equal(source.Text, cited.Text);
            Assert.Equal(document.Text.Substring(source.Start, source.Length), cited.Text);
            Assert.Equal(source.ParagraphNumber, cited.Citation.ParagraphNumber);
            Assert.Equal(id, cited.Citation.DocumentId);
            Assert.True(source.IsQuotable);
        }

        var ordinals = summary.Sentences.Select(s => s.Citation.SentenceOrdinal).ToList();
        Assert.Equal(ordinals.Order(), ordinals);
        Assert.Equal(ordinals.Distinct().Count(), ordinals.Count);
    }

    [Theory]
    [InlineData(SummaryLength.Short)]
    [InlineData(SummaryLength.Medium)]
    [InlineData(SummaryLength.Long)]
    public async Task SummarizeAsync_ConnectiveOpener_IsShownAfterItsPredecessorOrWithoutTheConnective(SummaryLength length)
    {
        // "However, …" is the most central sentence: shown alone, it would contrast with nothing
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("rates.txt", "Rates", string.Join("\n\n",
            "The central bank met on Tuesday in the capital.",
            "Economists had expected the bank to raise interest rates to curb inflation. Markets priced in a rise of a quarter point.",
            "However, the central bank kept interest rates on hold because inflation and interest rates had both eased.",
            "The bank will meet again next month to review interest rates and inflation.",
            "Shares rose after the decision on interest rates."));

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, length), CancellationToken.None);

        var ordinals = summary.Sentences.Select(s => s.Citation.SentenceOrdinal).ToHashSet();
        CitedSentence however = Assert.Single(summary.Sentences, s => s.Text.StartsWith("However", StringComparison.Ordinal));
        Assert.Equal(!ordinals.Contains(however.Citation.SentenceOrdinal - 1), however.Shown.StartsWith("the central bank kept", StringComparison.Ordinal));
        Assert.All(summary.Sentences, s => Assert.True(
            DiscussionBot.Text.Lexical.Openers.Kind(s.Shown) != DiscussionBot.Text.Lexical.PointingBack.Connective || ordinals.Contains(s.Citation.SentenceOrdinal - 1)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SummarizeAsync_PronounOpener_IsShownAfterTheSentenceNamingIt(bool wholeStore)
    {
        // "He said…" is the most central sentence; shown alone, nobody would know who "he" is
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("bridge.txt", "Bridge", string.Join("\n\n",
            "Farmers in the valley reported a record apple harvest this autumn.",
            "The mayor opened the crossing on Monday. He said the new bridge over the river would cut traffic on the old bridge over the river by half.",
            "Traffic on the old bridge over the river had doubled in ten years.",
            "Engineers will inspect the new bridge over the river every year.",
            "The market sold apples, pears and plums from the valley farms."));

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(wholeStore ? null : id, SummaryLength.Short), CancellationToken.None);

        var texts = summary.Sentences.Select(s => s.Text).ToList();
        int he = texts.FindIndex(t => t.StartsWith("He said", StringComparison.Ordinal));
        Assert.True(he > 0, string.Join(" | ", texts));
        Assert.Equal("The mayor opened the crossing on Monday.", texts[he - 1]);
    }

    [Fact]
    public async Task SummarizeAsync_Lengths_GrowFromShortToLong()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddSeedAsync();

        int Count(SummaryLength l) => engine.Summaries.SummarizeAsync(new SummaryRequest(id, l), CancellationToken.None).Result.Sentences.Count;

        Assert.InRange(Count(SummaryLength.Short), 1, 3);
        Assert.True(Count(SummaryLength.Medium) > Count(SummaryLength.Short));
        Assert.True(Count(SummaryLength.Long) > Count(SummaryLength.Medium));
    }

    [Fact]
    public async Task SummarizeAsync_Seed_NeverOffersFurniture()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddSeedAsync();

        foreach (SummaryLength length in Enum.GetValues<SummaryLength>())
        {
            Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, length), CancellationToken.None);
            Assert.DoesNotContain(summary.Sentences, s => s.Text.Contains("Read the original article", StringComparison.Ordinal));
            Assert.DoesNotContain(summary.Sentences, s => s.Citation.ParagraphNumber == 2);
        }
    }

    [Fact]
    public async Task SummarizeAsync_SameStore_ReturnsSameAnswer()
    {
        TestEngine first = TestEngine.Lexical();
        TestEngine second = TestEngine.Lexical();
        long a = await first.AddSeedAsync();
        long b = await second.AddSeedAsync();

        Summary x = await first.Summaries.SummarizeAsync(new SummaryRequest(a, SummaryLength.Medium), CancellationToken.None);
        Summary y = await second.Summaries.SummarizeAsync(new SummaryRequest(b, SummaryLength.Medium), CancellationToken.None);

        Assert.Equal(x.Sentences, y.Sentences);
    }

    [Fact]
    public async Task SummarizeAsync_EmptyDocument_ReturnsNoSentences()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("empty.txt", "Empty", "   \n");

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Long), CancellationToken.None);

        Assert.Empty(summary.Sentences);
    }

    [Fact]
    public async Task SummarizeAsync_OneSentenceDocument_ReturnsThatSentence()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("one.txt", "One", "North Korea sent about 15,000 troops to Russia.");

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Short), CancellationToken.None);

        CitedSentence only = Assert.Single(summary.Sentences);
        Assert.Equal("North Korea sent about 15,000 troops to Russia.", only.Text);
        Assert.Equal(1, only.Citation.ParagraphNumber);
    }

    [Fact]
    public async Task SummarizeAsync_UnknownDocument_ThrowsDocumentNotFound()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();

        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            engine.Summaries.SummarizeAsync(new SummaryRequest(999, SummaryLength.Short), CancellationToken.None));
    }

    [Fact]
    public async Task SummarizeAsync_WholeStore_CoversEachDocumentOnce()
    {
        TestEngine engine = TestEngine.Lexical();
        long seed = await engine.AddSeedAsync();
        long other = await engine.AddAsync("rates.txt", "Rates", "The central bank raised interest rates again on Tuesday. Inflation remained high in the spring. Economists expect one more rise this year.\nMortgage costs climbed as a result.");

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Medium), CancellationToken.None);

        Assert.Null(summary.DocumentId);
        Assert.Equal(2, summary.DocumentCount);
        Assert.Single(summary.Sentences, s => s.Citation.DocumentId == seed);
        Assert.Single(summary.Sentences, s => s.Citation.DocumentId == other);
    }

    [Fact]
    public async Task SummarizeAsync_WholeStore_MainPointIsTheLeadThatStatesTheTitle()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();
        const string lead = "The airline has blamed high fuel prices for a sharp drop in its quarterly profits.";
        long airline = await engine.AddAsync(
            "airline.txt",
            "High fuel prices hit airline profits",
            $"{lead} Looking ahead, the airline warned that passenger yields were expected to decline as it continues to lower fares. " +
            "Passenger yields fell again as the airline lowered fares on short routes to offset fuel costs. " +
            "Analysts said passenger yields and fares on short routes would stay under pressure while fuel prices stay high. " +
            "The airline said fares on long routes held up better than fares on short routes, helping profits.");

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Long), CancellationToken.None);

        Assert.Equal(lead, Assert.Single(summary.Sentences, s => s.Citation.DocumentId == airline).Text);
    }
}
