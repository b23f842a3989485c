using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>Whole-store summaries and themes on a large store of small generated articles (six subjects).</summary>
public sealed class StoreAnswersTests
{
    private static async Task<(TestEngine Engine, Dictionary<long, int> TopicOf)> LargeStoreAsync(int articles)
    {
        TestEngine engine = TestEngine.Lexical();
        var topicOf = new Dictionary<long, int>();
        for (int i = 0; i < articles; i++)
        {
            int topic = i % LongText.TopicCount;
            long id = await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(topic, i));
            topicOf[id] = topic;
        }

        return (engine, topicOf);
    }

    [Fact]
    public async Task FindThemesAsync_LargeStore_EveryDocumentIsInExactlyOneTheme()
    {
        (TestEngine engine, Dictionary<long, int> topicOf) = await LargeStoreAsync(120);

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);

        var covered = themes.SelectMany(t => t.Sources.Select(s => s.DocumentId)).ToList();
        Assert.Equal(topicOf.Keys.Order(), covered.Order());
        Assert.InRange(themes.Count, 2, engine.Options.Value.MaxThemes);
    }

    [Fact]
    public async Task FindThemesAsync_LargeStore_ThemesAreDistinctAndFaithful()
    {
        (TestEngine engine, Dictionary<long, int> topicOf) = await LargeStoreAsync(120);

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);

        for (int a = 0; a < themes.Count; a++)
        {
            for (int b = a + 1; b < themes.Count; b++)
            {
                int shared = themes[a].KeyTerms.Intersect(themes[b].KeyTerms, StringComparer.OrdinalIgnoreCase).Count();
                Assert.True(shared * 2 <= Math.Min(themes[a].KeyTerms.Count, themes[b].KeyTerms.Count), $"{themes[a].Label} / {themes[b].Label}");
            }
        }

        string all = string.Join("\n", Enumerable.Range(0, 120).Select(i => LongText.Article(i % LongText.TopicCount, i)));
        Assert.All(themes, t => Assert.Contains(t.Label, all, StringComparison.OrdinalIgnoreCase));
        Assert.All(themes.Where(t => t.Sources.Count > 1), t => Assert.True(t.Sentences.Select(s => s.Citation.DocumentId).Distinct().Count() > 1, t.Label));

        // each theme is mostly one subject
        foreach (Theme theme in themes)
        {
            int top = theme.Sources.GroupBy(s => topicOf[s.DocumentId]).Max(g => g.Count());
            Assert.True(top * 10 >= theme.Sources.Count * 8, theme.Label);
        }
    }

    [Fact]
    public async Task SummarizeAsync_LargeStore_SaysHowManyItDrawsOnAndWhichItLeavesOut()
    {
        (TestEngine engine, _) = await LargeStoreAsync(40);

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Long), CancellationToken.None);

        Assert.Equal(40, summary.StoreDocumentCount);
        Assert.Equal(DiscussionBot.Text.Ranking.SummaryOptions.Default.StoreDocuments, summary.DocumentCount);
        Assert.Equal(summary.DocumentCount, summary.Sentences.Select(s => s.Citation.DocumentId).Distinct().Count());
        Assert.Equal(40 - summary.DocumentCount, summary.LeftOut.Count);
        var cited = summary.Sentences.Select(s => s.Citation.DocumentTitle).ToHashSet();
        Assert.DoesNotContain(summary.LeftOut, cited.Contains);
    }

    [Fact]
    public async Task SummarizeAsync_LargeStore_ReachesEverySubject()
    {
        (TestEngine engine, Dictionary<long, int> topicOf) = await LargeStoreAsync(60);

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Long), CancellationToken.None);

        Assert.Equal(LongText.TopicCount, summary.Sentences.Select(s => topicOf[s.Citation.DocumentId]).Distinct().Count());
    }

    [Fact]
    public async Task SummarizeAsync_ShortSummaryOfManySubjects_DrawsOnTheCommunitysOwnArticleFirst()
    {
        TestEngine engine = TestEngine.Lexical();
        long seed = await engine.AddSeedAsync();
        for (int i = 0; i < 30; i++)
        {
            await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % LongText.TopicCount, i));
        }

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Short), CancellationToken.None);

        Assert.True(summary.DocumentCount < 31);
        Assert.Equal(seed, summary.Sentences[0].Citation.DocumentId);
        Assert.DoesNotContain(SeedText.Title, summary.LeftOut);
    }

    [Fact]
    public async Task FindThemesAsync_SmallStoreSharingAPhrase_IsLabelledByThePhrase()
    {
        TestEngine engine = TestEngine.Lexical();
        string[] athletics =
        [
            "Claxton hopes to win a medal at the European Indoor Championships in Madrid. The race is her first since injury. She ran the race in record time last winter.",
            "Dibaba set a world record at the European Indoor Championships in Birmingham. She won the race by ten seconds. The race drew a record crowd.",
            "Holmes will miss the European Indoor Championships this year. The race calendar is full. Her coach said the race would come too soon.",
        ];
        string[] theatre =
        [
            "The musical opened at the Prince Edward Theatre in London. The musical drew a full house. The theatre critics praised the actress.",
            "A new musical based on the film will open in the West End. The musical stars a young actress. The theatre producer is confident.",
            "The play won the best musical prize at the theatre awards. The actress thanked the theatre. The musical will tour next year.",
        ];
        foreach ((string text, int i) in athletics.Concat(theatre).Select((t, i) => (t, i)))
        {
            await engine.AddAsync($"story-{i}.txt", $"Story {i}", text);
        }

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);

        Theme sport = Assert.Single(themes, t => t.Sources.Any(s => s.Title == "Story 0"));
        Assert.Contains("Indoor Championships", sport.Label, StringComparison.Ordinal);
        Assert.All(themes, t => Assert.DoesNotContain(t.Label, new[] { "Won", "Race", "London" }));
    }

    [Fact]
    public async Task FindThemesAsync_NameWrittenAfterATitle_IsOneKeyTermNotItsPieces()
    {
        TestEngine engine = TestEngine.Lexical();
        string[] politics =
        [
            "Tory leader Michael Howard said the Budget plans were wrong. Mr Howard said the tax rises would hurt families. The Budget debate continues in Parliament.",
            "Conservative leader Michael Howard has launched the election campaign. Mr Howard promised lower tax for families. The campaign reaches Parliament next week.",
            "Opposition leader Michael Howard was asked about the tax plans. Mr Howard said voters want lower tax. Parliament will vote on the Budget.",
        ];
        string[] theatre =
        [
            "The musical opened at the Prince Edward Theatre in London. The musical drew a full house. The theatre critics praised the actress.",
            "A new musical based on the film will open in the West End. The musical stars a young actress. The theatre producer is confident.",
            "The play won the best musical prize at the theatre awards. The actress thanked the theatre. The musical will tour next year.",
        ];
        foreach ((string text, int i) in politics.Concat(theatre).Select((t, i) => (t, i)))
        {
            await engine.AddAsync($"story-{i}.txt", $"Story {i}", text);
        }

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);
        StoreTerms terms = StoreTerms.Build(await engine.Cache.GetAsync(CancellationToken.None));

        // "Tory leader Michael Howard" is one phrase candidate of four words; the name in it counts as a term of each document
        Assert.Equal(3, terms.DocumentFrequency["michael howard"]);
        Assert.Equal("Michael Howard", terms.Surface("michael howard"));
        Theme politicsTheme = Assert.Single(themes, t => t.Sources.Any(s => s.Title == "Story 0"));
        Assert.Contains("Michael Howard", politicsTheme.KeyTerms);
        Assert.DoesNotContain(themes.SelectMany(t => t.KeyTerms), k => k is "Howard" or "Michael");
    }

    [Fact]
    public async Task Answers_HeadlineLine_IsNeverQuotedOrATheme()
    {
        TestEngine engine = TestEngine.Lexical();
        const string headline = "Yukos owner sues Russia";
        long id = await engine.AddAsync(
            "yukos.txt",
            headline,
            $"{headline}\n\nThe former owners of the oil firm Yukos have filed a claim against Russia.\n\nThe oil firm says the tax bills were a pretext for seizing the firm.\n\nRussia denies the claim and says the oil firm owed taxes.");

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Long), CancellationToken.None);
        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        Assert.DoesNotContain(summary.Sentences, s => s.Text == headline);
        Assert.DoesNotContain(themes, t => t.Label.Equals(headline, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(themes.SelectMany(t => t.Sentences), s => s.Text == headline);
        Assert.DoesNotContain(themes.SelectMany(t => t.KeyTerms), k => k.Contains("sues", StringComparison.OrdinalIgnoreCase));
    }
}
