using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>One long document (600 paragraphs) through summaries and themes.</summary>
public sealed class LongDocumentTests
{
    [Fact]
    public async Task FindThemesAsync_LongDocument_ThemesAreVerbatimAndSpanParagraphs()
    {
        TestEngine engine = TestEngine.Lexical();
        (string text, _) = LongText.Document(600);
        long id = await engine.AddAsync("long.txt", "Long", text);
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        Assert.InRange(themes.Count, 2, ThemeOptions.Default.MaxDocumentThemes);
        Assert.All(themes, theme =>
        {
            Assert.All(theme.Sentences, s => Assert.Equal(document.Sentences[s.Citation.SentenceOrdinal].Text, s.Text));
            Assert.True(theme.Sentences.Select(s => s.Citation.ParagraphNumber).Distinct().Count() > 1, theme.Label);
        });
    }

    [Fact]
    public async Task FindThemesAsync_LongDocumentAskedTwice_ReturnsTheRememberedAnswer()
    {
        TestEngine engine = TestEngine.Lexical();
        (string text, _) = LongText.Document(600);
        long id = await engine.AddAsync("long.txt", "Long", text);

        IReadOnlyList<Theme> first = await engine.Themes.FindThemesAsync(id, CancellationToken.None);
        IReadOnlyList<Theme> second = await engine.Themes.FindThemesAsync(id, CancellationToken.None);
        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), CancellationToken.None);
        Summary again = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), CancellationToken.None);

        Assert.Same(first, second);
        Assert.Same(summary, again);
    }

    [Fact]
    public async Task FindThemesAsync_DocumentChanged_ComputesAgain()
    {
        TestEngine engine = TestEngine.Lexical();
        (string text, _) = LongText.Document(60);
        long id = await engine.AddAsync("long.txt", "Long", text);
        IReadOnlyList<Theme> before = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        (string other, _) = LongText.Document(60, seed: 99);
        await engine.AddAsync("long.txt", "Long", other);
        IReadOnlyList<Theme> after = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        Assert.NotSame(before, after);
    }

    [Fact]
    public async Task SummarizeAsync_LongDocument_DistinctVerbatimSentencesInOrder()
    {
        TestEngine engine = TestEngine.Lexical();
        (string text, _) = LongText.Document(600);
        long id = await engine.AddAsync("long.txt", "Long", text);
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        Summary summary = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, SummaryLength.Long), CancellationToken.None);

        var ordinals = summary.Sentences.Select(s => s.Citation.SentenceOrdinal).ToList();
        Assert.Equal(12, ordinals.Count);
        Assert.Equal(ordinals.Order(), ordinals);
        Assert.All(summary.Sentences, s => Assert.Equal(document.Sentences[s.Citation.SentenceOrdinal].Text, s.Text));
    }
}
