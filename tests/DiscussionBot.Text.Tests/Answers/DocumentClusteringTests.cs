using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class DocumentClusteringTests
{
    [Theory]
    [InlineData(0.65, true)]
    [InlineData(0.0, false)] // the rule off: k-means puts the lone article in the group it is least unlike
    public async Task FindThemesAsync_ArticleUnlikeEveryGroupWithNoRoomLeft_IsListedUnderOtherSources(double outlierFit, bool listedApart)
    {
        TestEngine engine = TestEngine.Lexical();
        for (int i = 0; i < 12; i++)
        {
            await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % 3, i));
        }

        long lone = await engine.AddAsync("lone.txt", "Lone", LongText.Article(3, 99));
        ThemeEngine themes = ThemesOf(engine, maxThemes: 3, outlierFit);

        IReadOnlyList<Theme> found = await themes.FindThemesAsync(null, CancellationToken.None);

        Theme holding = Assert.Single(found, t => t.Sources.Any(s => s.DocumentId == lone));
        Assert.Equal(listedApart, holding.IsOther);
        Assert.Equal(listedApart ? 1 : 5, holding.Sources.Count);
        Assert.Equal(listedApart ? StoreThemeBuilder.OtherLabel : holding.Label, holding.Label);
        Assert.Equal(13, found.SelectMany(t => t.Sources).Select(s => s.DocumentId).Distinct().Count()); // every document accounted for
        Assert.Equal(13, found.Sum(t => t.Sources.Count)); // once
    }

    [Theory]
    [InlineData(0.65, true)]
    [InlineData(0.0, false)] // the rule off: the two leftovers make one "theme"
    public async Task FindThemesAsync_TwoUnrelatedLeftovers_AreNotOneTheme(double outlierFit, bool apart)
    {
        TestEngine engine = TestEngine.Lexical();
        for (int i = 0; i < 12; i++)
        {
            await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % 3, i));
        }

        long hospital = await engine.AddAsync("hospital.txt", "Hospital", LongText.Article(3, 98));
        long orchestra = await engine.AddAsync("orchestra.txt", "Orchestra", LongText.Article(4, 99));

        IReadOnlyList<Theme> found = await ThemesOf(engine, maxThemes: 4, outlierFit).FindThemesAsync(null, CancellationToken.None);

        Assert.Equal(!apart, found.Any(t => !t.IsOther && t.Sources.Any(s => s.DocumentId == hospital) && t.Sources.Any(s => s.DocumentId == orchestra)));
        Assert.Equal(apart, found.Single(t => t.Sources.Any(s => s.DocumentId == hospital)).IsOther);
    }

    [Theory]
    [InlineData(4, false)] // room under the limit: the full article is a theme of its own
    [InlineData(3, true)] // no room: it is listed under "other sources"
    public async Task Build_FullArticleSetApart_GetsAThemeOfItsOwnWhenThereIsRoom(int maxThemes, bool other)
    {
        TestEngine engine = TestEngine.Lexical();
        var groups = new List<List<long>> { new(), new(), new() };
        for (int i = 0; i < 9; i++)
        {
            groups[i % 3].Add(await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % 3, i)));
        }

        long seed = await engine.AddSeedAsync();
        CorpusSnapshot snapshot = await engine.Cache.GetAsync(CancellationToken.None);

        IReadOnlyList<Theme> themes = StoreThemeBuilder.Build(snapshot, StoreTerms.Build(snapshot), new DocumentGroups(groups, [seed]), maxThemes, ThemeOptions.Default.OwnThemeLength);

        Theme own = Assert.Single(themes, t => t.Sources.Any(s => s.DocumentId == seed));
        Assert.Single(own.Sources);
        Assert.Equal(other, own.IsOther);
        Assert.Equal(other, own.KeyTerms.Count == 0);
        if (!other)
        {
            // a name is one entity, never its pieces
            Assert.Contains("Kim Jong Un", own.KeyTerms);
            Assert.Contains("North Korea", own.KeyTerms);
            Assert.DoesNotContain(own.KeyTerms, k => k is "Kim" or "Jong" or "North");

            // one source, yet three sentences, each from its own paragraph
            Assert.Equal(StoreThemeBuilder.SentencesPerTheme, own.Sentences.Select(s => s.Citation.ParagraphNumber).Distinct().Count());
        }
        Assert.NotEmpty(own.Sentences);
        Assert.All(own.Sentences, s => Assert.Equal(seed, s.Citation.DocumentId));
    }

    private static ThemeEngine ThemesOf(TestEngine engine, int maxThemes, double outlierFit) => new(
        engine.Store,
        engine.Store,
        engine.Cache,
        Options.Create(new TextEngineOptions { Mode = EngineMode.Lexical, MaxThemes = maxThemes }),
        Options.Create(KeyPhraseOptions.Default),
        Options.Create(new ThemeOptions { OutlierFit = outlierFit }));

    [Theory]
    [InlineData(false, true)] // a short article alone in its group: listed under "other sources", not a one-source theme
    [InlineData(true, false)] // a full article (the seed, over twice the median length): a theme of its own
    public async Task Build_GroupOfOneDocument_IsAThemeOnlyWhenTheDocumentIsLong(bool seed, bool other)
    {
        TestEngine engine = TestEngine.Lexical();
        var groups = new List<List<long>> { new(), new(), new() };
        for (int i = 0; i < 9; i++)
        {
            groups[i % 3].Add(await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % 3, i)));
        }

        long lone = seed ? await engine.AddSeedAsync() : await engine.AddAsync("lone.txt", "Lone", LongText.Article(3, 99));
        groups.Add([lone]);
        CorpusSnapshot snapshot = await engine.Cache.GetAsync(CancellationToken.None);

        IReadOnlyList<Theme> themes = StoreThemeBuilder.Build(snapshot, StoreTerms.Build(snapshot), new DocumentGroups(groups, []), 8, ThemeOptions.Default.OwnThemeLength);

        Theme holding = Assert.Single(themes, t => t.Sources.Any(s => s.DocumentId == lone));
        Assert.Equal(other, holding.IsOther);
        Assert.Equal(10, themes.Sum(t => t.Sources.Count)); // every document once
    }
}
