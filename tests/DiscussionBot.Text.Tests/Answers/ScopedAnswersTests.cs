using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Answers;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>
/// Every engine answers from the operator's documents plus the asking server's own: a document a server added is
/// invisible to other servers and to DMs, and servers without documents share the operator's snapshot.
/// </summary>
public sealed class ScopedAnswersTests
{
    private const ulong ServerA = 101;
    private const ulong ServerB = 202;
    private const string ServerText =
        "Zorblat harvest festival\n\nThe zorblat harvest festival drew farmers from every valley this autumn. " +
        "Zorblat growers traded seed and stories for three days. The festival ended with a zorblat pie contest.";

    private static readonly DocumentScope A = DocumentScope.ForGuild(ServerA);
    private static readonly DocumentScope B = DocumentScope.ForGuild(ServerB);

    private static async Task<(TestEngine Engine, long Added)> SeedsPlusServerDocumentAsync()
    {
        TestEngine engine = TestEngine.Lexical();
        await engine.AddSeedAsync();
        await engine.AddAsync("second.txt", "Ports reopen after storm", LongText.Article(1, 1));
        long added = await AddForServerAsync(engine, ServerA, "a/zorblat.txt", ServerText);
        return (engine, added);
    }

    private static async Task<long> AddForServerAsync(TestEngine engine, ulong server, string key, string text)
    {
        var incoming = new IncomingDocument(key, "Zorblat harvest festival", text, SourceFileReader.HashText(text))
        {
            Owner = new DocumentOwner(server, 7, "mod", "zorblat.txt"),
        };
        await engine.Ingestion.AddForGuildAsync(incoming, new GuildSourceLimits(), CancellationToken.None);
        return (await engine.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == key).Id;
    }

    [Fact]
    public async Task DocumentSummaryAndThemes_AnotherServerAddsThenTheDocumentChanges_KeptThenRecomputed()
    {
        (TestEngine engine, long added) = await SeedsPlusServerDocumentAsync();
        var request = new SummaryRequest(added, SummaryLength.Short);
        Summary first = await engine.Summaries.SummarizeAsync(request, A, CancellationToken.None);
        IReadOnlyList<Theme> firstThemes = await engine.Themes.FindThemesAsync(added, A, CancellationToken.None);

        await AddForServerAsync(engine, ServerB, "b/market.txt", "Market day\n\nThe market sold apples and pears. Traders came from the coast.");
        Summary afterOtherServer = await engine.Summaries.SummarizeAsync(request, A, CancellationToken.None);
        IReadOnlyList<Theme> themesAfterOtherServer = await engine.Themes.FindThemesAsync(added, A, CancellationToken.None);
        await AddForServerAsync(engine, ServerA, "a/zorblat.txt", ServerText + " Next year the contest moves to the river meadow.");
        Summary afterChange = await engine.Summaries.SummarizeAsync(request, A, CancellationToken.None);

        // Another server's addition changes the store's revision, not this document: its answers are the remembered ones.
        Assert.Same(first, afterOtherServer);
        Assert.Same(firstThemes, themesAfterOtherServer);
        Assert.NotSame(first, afterChange);
    }

    [Fact]
    public async Task FindQuotesAsync_ServerDocument_OnlyThatServerFindsIt()
    {
        (TestEngine engine, long added) = await SeedsPlusServerDocumentAsync();
        var request = new QuoteRequest("zorblat pie contest", null, 5);

        QuoteResult inA = await engine.Quotes.FindQuotesAsync(request, A, CancellationToken.None);
        QuoteResult inB = await engine.Quotes.FindQuotesAsync(request, B, CancellationToken.None);
        QuoteResult inDm = await engine.Quotes.FindQuotesAsync(request, DocumentScope.OperatorOnly, CancellationToken.None);

        Assert.Contains(inA.Matches, m => m.Sentence.Citation.DocumentId == added);
        Assert.DoesNotContain(inB.Matches, m => m.Sentence.Citation.DocumentId == added);
        Assert.DoesNotContain(inDm.Matches, m => m.Sentence.Citation.DocumentId == added);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            engine.Quotes.FindQuotesAsync(request with { DocumentId = added }, B, CancellationToken.None));
    }

    [Fact]
    public async Task SummarizeAsync_ServerDocument_CountedAndCitedOnlyInThatServer()
    {
        (TestEngine engine, long added) = await SeedsPlusServerDocumentAsync();
        var request = new SummaryRequest(null, SummaryLength.Long);

        Summary inA = await engine.Summaries.SummarizeAsync(request, A, CancellationToken.None);
        Summary inB = await engine.Summaries.SummarizeAsync(request, B, CancellationToken.None);

        Assert.Equal(3, inA.StoreDocumentCount);
        Assert.Contains(inA.Sentences, s => s.Citation.DocumentId == added);
        Assert.Equal(2, inB.StoreDocumentCount);
        Assert.DoesNotContain(inB.Sentences, s => s.Citation.DocumentId == added);
        Assert.DoesNotContain(inB.LeftOut, t => t.Contains("Zorblat", StringComparison.Ordinal));
        await Assert.ThrowsAsync<DocumentNotFoundException>(() =>
            engine.Summaries.SummarizeAsync(new SummaryRequest(added, SummaryLength.Short), DocumentScope.OperatorOnly, CancellationToken.None));
        Assert.Equal(added, (await engine.Summaries.SummarizeAsync(new SummaryRequest(added, SummaryLength.Short), A, CancellationToken.None)).DocumentId);
    }

    [Fact]
    public async Task FindThemesAsync_ServerDocument_InThatServersThemesOnly()
    {
        (TestEngine engine, long added) = await SeedsPlusServerDocumentAsync();

        IReadOnlyList<Theme> inA = await engine.Themes.FindThemesAsync(null, A, CancellationToken.None);
        IReadOnlyList<Theme> inB = await engine.Themes.FindThemesAsync(null, B, CancellationToken.None);

        Assert.Contains(inA.SelectMany(t => t.Sources), s => s.DocumentId == added);
        Assert.DoesNotContain(inB.SelectMany(t => t.Sources), s => s.DocumentId == added);
        Assert.DoesNotContain(inB.SelectMany(t => t.Sentences), s => s.Citation.DocumentId == added);
        await Assert.ThrowsAsync<DocumentNotFoundException>(() => engine.Themes.FindThemesAsync(added, B, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_ServerWithoutDocumentsAndDm_ShareTheOperatorSnapshot()
    {
        (TestEngine engine, _) = await SeedsPlusServerDocumentAsync();

        CorpusSnapshot dm = await engine.Cache.GetAsync(DocumentScope.OperatorOnly, CancellationToken.None);
        CorpusSnapshot b = await engine.Cache.GetAsync(B, CancellationToken.None);
        CorpusSnapshot a = await engine.Cache.GetAsync(A, CancellationToken.None);

        Assert.Same(dm, b);
        Assert.NotSame(dm, a);
        Assert.All(dm.Rows.Zip(a.Rows), p => Assert.Same(p.First, p.Second)); // the operator's rows are shared, not copied
        Assert.True(a.Rows.Length > dm.Rows.Length);
        Assert.Equal(1, engine.Cache.GuildSnapshotCount);
    }

    [Fact]
    public async Task GetAsync_AnotherServerAddsADocument_OperatorSnapshotAndItsMemosKept()
    {
        (TestEngine engine, _) = await SeedsPlusServerDocumentAsync();
        CorpusSnapshot before = await engine.Cache.GetAsync(DocumentScope.OperatorOnly, CancellationToken.None);
        IReadOnlyList<Theme> themes = await engine.Themes.FindThemesAsync(null, CancellationToken.None);

        await AddForServerAsync(engine, ServerB, "b/zorblat.txt", ServerText.Replace("three days", "four days", StringComparison.Ordinal));

        Assert.Same(before, await engine.Cache.GetAsync(DocumentScope.OperatorOnly, CancellationToken.None));
        Assert.Same(themes, await engine.Themes.FindThemesAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_MoreServersThanTheLimit_LeastRecentlyUsedDropped()
    {
        (TestEngine engine, _) = await SeedsPlusServerDocumentAsync();
        await AddForServerAsync(engine, ServerB, "b/zorblat.txt", ServerText + " B.");
        await AddForServerAsync(engine, 303, "c/zorblat.txt", ServerText + " C.");
        using var cache = new CorpusCache(engine.Store, engine.Store, Options.Create(new TextEngineOptions { GuildSnapshots = 2 }));

        CorpusSnapshot a = await cache.GetAsync(A, CancellationToken.None);
        await cache.GetAsync(B, CancellationToken.None);
        Assert.Same(a, await cache.GetAsync(A, CancellationToken.None));
        await cache.GetAsync(DocumentScope.ForGuild(303), CancellationToken.None);

        Assert.Equal(2, cache.GuildSnapshotCount);
        Assert.Same(a, await cache.GetAsync(A, CancellationToken.None)); // B was the least recently used
    }

    [Fact]
    public async Task GetAsync_LargeStoreAndOneLongServerDocument_ServerSnapshotIsTheSharedRowsPlusItsOwn()
    {
        TestEngine engine = TestEngine.Lexical();
        for (int i = 0; i < 150; i++)
        {
            await engine.AddAsync($"article-{i:D3}.txt", $"Article {i}", LongText.Article(i % LongText.TopicCount, i));
        }

        (string longText, _) = LongText.Document(400);
        long added = await AddForServerAsync(engine, ServerA, "a/long.txt", longText);
        CorpusSnapshot shared = await engine.Cache.GetAsync(DocumentScope.OperatorOnly, CancellationToken.None);
        CorpusSnapshot server = await engine.Cache.GetAsync(A, CancellationToken.None);
        SourceDocument document = (await engine.Store.GetDocumentAsync(added, CancellationToken.None))!;

        Assert.Equal(shared.Rows.Length + document.Sentences.Count(s => s.IsQuotable), server.Rows.Length);
        Assert.Equal(150, shared.Documents.Count);
        Assert.Equal(151, server.Documents.Count);
        Sentence last = document.Sentences.Last(s => s.IsQuotable);
        Assert.Equal(last.Text, server.Rows[server.RowOf(added, last.Ordinal)!.Value].Text);
        Assert.Null(shared.RowOf(added, last.Ordinal));
        Assert.Equal(SummaryLength.Long, (await engine.Summaries.SummarizeAsync(new SummaryRequest(added, SummaryLength.Long), A, CancellationToken.None)).Length);
    }

    [Fact]
    public async Task GetAsync_ServerRemovesItsLastDocument_ItsSnapshotIsDropped()
    {
        (TestEngine engine, _) = await SeedsPlusServerDocumentAsync();
        await engine.Cache.GetAsync(A, CancellationToken.None);

        await engine.Ingestion.RemoveAsync(["a/zorblat.txt"], CancellationToken.None);
        CorpusSnapshot after = await engine.Cache.GetAsync(A, CancellationToken.None);

        Assert.Same(await engine.Cache.GetAsync(DocumentScope.OperatorOnly, CancellationToken.None), after);
        Assert.Equal(0, engine.Cache.GuildSnapshotCount);
    }
}
