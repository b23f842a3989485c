using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class ThemeEngineTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    public static TheoryData<bool> Modes() => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FindThemesAsync_Seed_ReturnsTheAnglesAsDistinctThemes(bool embeddings)
    {
        TestEngine engine = embeddings ? TestEngine.WithEmbeddings(fixture.Embedder) : TestEngine.Lexical();
        long id = await engine.AddSeedAsync();

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        string[] labels = themes.Select(t => t.Label.ToLowerInvariant()).ToArray();
        Theme Find(string word) => Assert.Single(themes, t => t.Label.Contains(word, StringComparison.OrdinalIgnoreCase));
        Theme[] angles = [Find("propaganda"), Find("expendab"), Find("economic"), Find("performative grief"), Find("authenticity")];
        Assert.Equal(angles.Length, angles.Distinct().Count());
        Assert.Equal(labels.Length, labels.Distinct().Count());
        Assert.Contains(Find("expendab").Sentences, s => s.Citation.ParagraphNumber == 5);
        Assert.Contains(Find("economic").Sentences, s => s.Citation.ParagraphNumber == 7);
    }

    /// <summary>
    /// The angles readers of the seed name (issue 10): public commemoration, propaganda, expendability / cannon fodder,
    /// nationalist sentiment, economics, luxury and context, performative grief, authenticity, cynicism. Each is found
    /// by a word a faithful label would use.
    /// </summary>
    private static readonly string[][] ReaderThemes =
    [
        ["commemoration"], ["propaganda"], ["expendab", "cannon fodder"], ["nationalist"], ["econom"],
        ["luxury", "context", "cartier"], ["performative", "grief"], ["authenticity"], ["cynicism"],
    ];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FindThemesAsync_Seed_NamesTheThemesItsReadersName(bool embeddings)
    {
        TestEngine engine = embeddings ? TestEngine.WithEmbeddings(fixture.Embedder) : TestEngine.Lexical();
        long id = await engine.AddSeedAsync();
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        string labels = string.Join(", ", themes.Select(t => t.Label));
        int named = ReaderThemes.Count(words => themes.Any(t => words.Any(w => t.Label.Contains(w, StringComparison.OrdinalIgnoreCase))));
        Assert.True(named >= 8, $"{named} of the 9 reader themes named: {labels}");
        // faithful: each label is stated, not negated, in the text; no theme repeats another's name among its key terms
        Assert.All(themes, t => Assert.Contains(document.Sentences, s => DiscussionBot.Text.Lexical.NounPhrases.OccursUnnegated(s.Text, t.Label)));
        Assert.All(themes, t => Assert.DoesNotContain(themes.Where(u => u != t), u => t.KeyTerms.Contains(u.Label, StringComparer.OrdinalIgnoreCase)));
        // each quote is read on its own: "Furthermore, the act of mourning…" is quoted from "the act"
        Assert.All(themes.SelectMany(t => t.Sentences), s => Assert.NotEqual(DiscussionBot.Text.Lexical.PointingBack.Connective, DiscussionBot.Text.Lexical.Openers.Kind(s.Shown)));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FindThemesAsync_Seed_AQuoteOpeningWithItFollowsTheSentenceItPointsBackTo(bool embeddings)
    {
        TestEngine engine = embeddings ? TestEngine.WithEmbeddings(fixture.Embedder) : TestEngine.Lexical();
        long id = await engine.AddSeedAsync();
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        // "It’s seen as an attempt to drive up nationalist sentiment." comes right after "…the act of mourning is not viewed…"
        Theme nationalist = Assert.Single(themes, t => t.Label.Contains("nationalist", StringComparison.OrdinalIgnoreCase));
        int it = nationalist.Sentences.ToList().FindIndex(s => s.Text.StartsWith("It’s seen as", StringComparison.Ordinal));
        if (it >= 0)
        {
            Assert.True(it > 0);
            Assert.Equal(nationalist.Sentences[it].Citation.SentenceOrdinal - 1, nationalist.Sentences[it - 1].Citation.SentenceOrdinal);
        }

        // no theme quotes an "It…"/"This…" sentence of mid-paragraph apart from the sentence before it
        foreach (Theme theme in themes)
        {
            for (int k = 0; k < theme.Sentences.Count; k++)
            {
                Sentence source = document.Sentences[theme.Sentences[k].Citation.SentenceOrdinal];
                bool opensParagraph = source.Ordinal == 0 || document.Sentences[source.Ordinal - 1].ParagraphNumber != source.ParagraphNumber;
                if (!opensParagraph && DiscussionBot.Text.Answers.ThemeQuotes.PointsBack(source.Text))
                {
                    Assert.True(k > 0 && theme.Sentences[k - 1].Citation.SentenceOrdinal == source.Ordinal - 1, $"{theme.Label}: {source.Text}");
                }
            }
        }
    }

    [Fact]
    public async Task FindThemesAsync_Seed_SentencesAreVerbatimQuotableAndCited()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddSeedAsync();
        SourceDocument document = (await engine.Store.GetDocumentAsync(id, CancellationToken.None))!;

        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        Assert.NotEmpty(themes);
        Assert.All(themes, theme =>
        {
            Assert.InRange(theme.Share, 0.0, 1.0);
            Assert.NotEmpty(theme.KeyTerms);
            Assert.Contains(theme.Label, document.Text, StringComparison.OrdinalIgnoreCase);
            Assert.All(theme.Sentences, s =>
            {
                Sentence source = document.Sentences[s.Citation.SentenceOrdinal];
                Assert.Equal(source.Text, s.Text);
                Assert.Equal(source.ParagraphNumber, s.Citation.ParagraphNumber);
                Assert.True(source.IsQuotable);
            });
        });
        Assert.Equal(themes.Select(t => t.Share).OrderDescending(), themes.Select(t => t.Share));
    }

    [Fact]
    public async Task FindThemesAsync_EmptyDocument_ReturnsNoThemes()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("empty.txt", "Empty", "Advertisement");

        Assert.Empty(await engine.Themes.FindThemesAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task FindThemesAsync_OneSentenceDocument_ReturnsOneThemeWithIt()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddAsync("one.txt", "One", "The regime staged a carefully choreographed display of grief.");

        Theme theme = Assert.Single(await engine.Themes.FindThemesAsync(id, CancellationToken.None));

        Assert.Equal(1.0, theme.Share);
        Assert.Equal("The regime staged a carefully choreographed display of grief.", Assert.Single(theme.Sentences).Text);
    }

    [Fact]
    public async Task FindThemesAsync_SameStore_ReturnsSameThemes()
    {
        TestEngine a = TestEngine.Lexical();
        TestEngine b = TestEngine.Lexical();
        long x = await a.AddSeedAsync();
        long y = await b.AddSeedAsync();

        var first = (await a.Themes.FindThemesAsync(x, CancellationToken.None)).Select(t => (t.Label, string.Join("|", t.KeyTerms), t.Share, string.Join("|", t.Sentences.Select(s => s.Text))));
        var second = (await b.Themes.FindThemesAsync(y, CancellationToken.None)).Select(t => (t.Label, string.Join("|", t.KeyTerms), t.Share, string.Join("|", t.Sentences.Select(s => s.Text))));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FindThemesAsync_WholeStoreWithOneDocument_MatchesDocumentThemes()
    {
        TestEngine engine = TestEngine.Lexical();
        long id = await engine.AddSeedAsync();

        IReadOnlyList<Theme> store = await engine.Themes.FindThemesAsync(null, CancellationToken.None);
        IReadOnlyList<Theme> document = await engine.Themes.FindThemesAsync(id, CancellationToken.None);

        Assert.Equal(document.Select(t => t.Label), store.Select(t => t.Label));
    }

    [Fact]
    public async Task FindThemesAsync_UnknownDocument_ThrowsDocumentNotFound()
    {
        TestEngine engine = TestEngine.Lexical();

        await Assert.ThrowsAsync<DocumentNotFoundException>(() => engine.Themes.FindThemesAsync(42, CancellationToken.None));
    }
}
