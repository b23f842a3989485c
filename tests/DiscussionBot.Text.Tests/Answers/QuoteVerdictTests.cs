using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>Abstention, question types, headlines, duplicates and languages, on small stores (words only, so deterministic).</summary>
public sealed class QuoteVerdictTests
{
    [Fact]
    public async Task FindQuotesAsync_QuestionTheStoreAnswers_IsAnswered()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync("rates.txt", "Rates", "Mortgage costs climbed after the central bank rate rise. Savers welcomed it.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("why did mortgage costs climb", null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.Answered, result.Verdict);
        Assert.StartsWith("Mortgage costs climbed", result.Matches[0].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindQuotesAsync_OnlyAFewOfTheQueryWords_ShowsTheClosestPassagesAsSuch()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync("rates.txt", "Rates", "Mortgage costs climbed after the central bank rate rise. Savers welcomed it.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("savers welcomed pension annuity inheritance", null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.ClosestOnly, result.Verdict);
        Assert.True(result.IsCovered);
        Assert.Equal("Savers welcomed it.", result.Matches[0].Sentence.Text);
    }

    [Fact]
    public async Task FindQuotesAsync_NoneOfTheQueryWords_IsNotInTheSources()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("volcano eruption in Iceland", null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.NotInSources, result.Verdict);
        Assert.Empty(result.Matches);
    }

    // every passage holds "troops", the question's only content word: what the question asks for decides
    [Theory]
    [InlineData("how many troops were there", "about 15,000 troops")]
    [InlineData("when were the troops there", "in March 2024")]
    [InlineData("who was over the troops", "General Park")]
    public async Task FindQuotesAsync_QuestionType_PrefersThePassageHoldingWhatIsAsked(string question, string expected)
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync(
            "deployment.txt",
            "Deployment",
            "The troops were a show of loyalty to the alliance.\n\n" +
            "The country deployed about 15,000 troops to the front.\n\n" +
            "The first troops left in March 2024, months after the pact.\n\n" +
            "The order for the troops came from General Park himself.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest(question, null, 4), CancellationToken.None);

        Assert.Contains(expected, result.Matches[0].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindQuotesAsync_HeadlineLine_IsNeverOfferedAsAPassage()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync(
            "warner.txt",
            "Ad sales boost Time Warner profit",
            "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76% to $1.13bn. Time Warner said sales rose 2%.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("Time Warner profit", null, 5), CancellationToken.None);

        Assert.True(result.IsCovered);
        Assert.DoesNotContain(result.Matches, m => m.Sentence.Text == "Ad sales boost Time Warner profit");
    }

    [Fact]
    public async Task FindQuotesAsync_SameSentenceInTwoDocuments_IsShownOnce()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync("a.txt", "A", "Propaganda posters covered the walls of the capital. Nobody read them.");
        await engine.AddAsync("b.txt", "B", "Propaganda posters covered the walls of the capital. Everyone ignored them.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("propaganda posters on the walls", null, 5), CancellationToken.None);

        Assert.Single(result.Matches, m => m.Sentence.Text.StartsWith("Propaganda posters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("что сказал Путин о войне")]
    [InlineData("Pourquoi Kim Jong Un pleure-t-il les soldats")]
    [InlineData("Warum hat er die Soldaten und die Truppen geschickt")]
    public async Task FindQuotesAsync_QueryInAnotherLanguage_SaysSo(string query)
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest(query, null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.OtherLanguage, result.Verdict);
        Assert.Empty(result.Matches);
    }

    [Fact]
    public async Task FindQuotesAsync_EnglishQueryWithForeignName_IsNotRefused()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("what did Kim Jong Un do at the gala", null, 3), CancellationToken.None);

        Assert.NotEqual(QuoteVerdict.OtherLanguage, result.Verdict);
        Assert.True(result.IsCovered);
    }

    [Fact]
    public async Task FindQuotesAsync_LongDocumentInALargeStore_FindsTheOneAnsweringSentence()
    {
        TestEngine engine = TestEngine.Lexical();
        for (int d = 0; d < 40; d++)
        {
            string text = string.Join(' ', Enumerable.Range(0, d == 0 ? 3000 : 60).Select(i => $"Report {d} line {i} notes steady harvests in the valley."));
            if (d == 0)
            {
                text += " The granary roof collapsed in the storm of 1998.";
            }

            await engine.AddAsync($"doc{d}.txt", $"Doc {d}", text);
        }

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("when did the granary roof collapse", null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.Answered, result.Verdict);
        Assert.Equal("The granary roof collapsed in the storm of 1998.", result.Matches[0].Sentence.Text);
    }

    [Fact]
    public async Task FindQuotesAsync_HowManyQuestion_CueWordIsNotAWordTheAnswerMustHold()
    {
        // "many" and "sent" are in the wrong passage; the count of troops is in the other, which says "deployed"
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync(
            "deployment.txt",
            "Deployment",
            "Many say the soldiers sent abroad are simply cannon fodder.\n\n" +
            "The country deployed about 15,000 troops to the front.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("how many troops were sent", null, 2), CancellationToken.None);

        Assert.Contains("15,000 troops", result.Matches[0].Sentence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindQuotesAsync_WeakPassagesAfterAStrongFirst_AreNotShownBesideIt()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync(
            "warner.txt",
            "Warner",
            "Quarterly profits at the media giant jumped 76% on advertising sales.\n\n" +
            "The athlete jumped further than anyone that season.\n\n" +
            "Advertising sales held steady in the quarter.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("quarterly profits jumped 76%", null, 3), CancellationToken.None);

        Assert.Equal(QuoteVerdict.Answered, result.Verdict);
        Assert.StartsWith("Quarterly profits", result.Matches[0].Sentence.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Matches, m => m.Sentence.Text.StartsWith("The athlete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindQuotesAsync_ManyPassagesOfOneDocument_AllShownWhenEquallyStrong()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddAsync(
            "harvest.txt",
            "Harvest",
            "The valley harvest failed in 1998.\n\nThe valley harvest failed again in 1999.\n\nThe valley harvest failed once more in 2000.");

        QuoteResult result = await engine.Quotes.FindQuotesAsync(new QuoteRequest("when did the valley harvest fail", null, 3), CancellationToken.None);

        Assert.Equal(3, result.Matches.Count);
    }

    [Fact]
    public void Confidence_FirstPassageHoldsWhatIsAsked_CrossesTheAnswerThreshold()
    {
        // "how many troops were sent" and ¶1 of the seed: cosine 0.39, half the words ("sent" is "deployment" there),
        // "15,000" beside "troops"
        AbstentionCalibration miniLm = QuoteRankingOptions.Default.MiniLm;
        PassageFeatures withCount = new(1, 4, 0.39, 0.5, AnswerType: 1, 1, 0.33, 0.5, 6, 3.5);
        PassageFeatures withoutCount = withCount with { AnswerType = 0 };

        Assert.True(QuoteEngine.Confidence(withCount, miniLm) >= miniLm.AnswerThreshold);
        Assert.True(QuoteEngine.Confidence(withoutCount, miniLm) < miniLm.AnswerThreshold);
    }
}
