using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class DocumentClusteringTests
{
    [Theory]
    [InlineData(0.225, false)] // the seed among economic news: 0.225 against 0.209, 0.337, 0.337 (seed + 20 BBC articles)
    [InlineData(0.30, true)]
    public void FitsItsGroup_FirstSourceFarBelowTheGroupsMedian_DoesNot(double fit, bool fits)
    {
        Assert.Equal(fits, DocumentClustering.FitsItsGroup(fit, [0.337, 0.209, 0.337]));
    }

    [Fact]
    public async Task FindThemesAsync_CommunitysArticleAmongUnrelatedNews_HasAThemeOfItsOwn()
    {
        TestEngine engine = TestEngine.Lexical();
        long seed = await engine.AddSeedAsync();
        for (int i = 0; i < 12; i++)
        {
            await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % 3, i));
        }

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);

        Theme own = Assert.Single(themes, t => t.Sources.Any(s => s.DocumentId == seed));
        Assert.Single(own.Sources);
    }
}
