using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Storage.Sqlite;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>
/// A server's document stored with its words-only analysis while its sentence vectors are computed in the background:
/// the engines answer from a snapshot where it has no vectors and the other documents do (words alone for its rows,
/// no failure, no NaN), and find it by meaning once the vectors are stored. Real SQLite store, real analyzer, a
/// concept encoder standing in for the model.
/// </summary>
public sealed class PendingVectorsTests : IDisposable
{
    private const ulong Server = 101;
    private const string MotorShow =
        "Motor show opens\n\nThe motor show opened with forty new cars on display. Dealers said cars sold faster than last spring.\n\n" +
        "Visitors queued for test drives all weekend. The organisers counted twelve thousand tickets.";

    private static readonly DocumentScope InServer = DocumentScope.ForGuild(Server);

    private readonly ConceptEmbedder _embedder = new();
    private readonly StoreFixture _store;
    private readonly IngestionService _ingestion;
    private readonly DeferredAnalysis _deferred;
    private readonly QueueOfOne _queue = new();
    private readonly CorpusCache _cache;
    private readonly QuoteEngine _quotes;
    private readonly SummaryEngine _summaries;
    private readonly ThemeEngine _themes;

    public PendingVectorsTests()
    {
        IOptions<TextEngineOptions> options = Options.Create(new TextEngineOptions { Mode = EngineMode.Embedding });
        var analyzer = new DocumentAnalyzer(options, Options.Create(KeyPhraseOptions.Default), _embedder);
        _store = new StoreFixture(analyzer);
        _ingestion = new IngestionService(new SourceFileReader(), new TextSegmenter(), analyzer, _store.Writer, new IngestionOptions(), deferred: _queue);
        _deferred = new DeferredAnalysis(_ingestion, analyzer, _store.Writer, _store.Store);
        var analyses = new SqliteAnalysisStore(_store.Connections);
        _cache = new CorpusCache(_store.Store, analyses);
        _quotes = new QuoteEngine(_store.Store, _cache, _embedder, options, Options.Create(QuoteRankingOptions.Default));
        _summaries = new SummaryEngine(_store.Store, analyses, _cache, Options.Create(SummaryOptions.Default));
        _themes = new ThemeEngine(_store.Store, analyses, _cache, options, Options.Create(KeyPhraseOptions.Default));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _store.Dispose();
        _embedder.Dispose();
    }

    private async Task<long> SeedsAndServerDocumentWithoutVectorsAsync()
    {
        await _ingestion.IngestAsync(
            [
                Incoming("000_seed.txt", SeedText.Title, SeedText.KimMourning),
                Incoming("harbour.txt", "Ports reopen after storm", LongText.Article(1, 1)),
                Incoming("council.txt", "Council budget", LongText.Article(2, 1)),
            ],
            CancellationToken.None);
        IngestionReport report = await _ingestion.AddForGuildAsync(
            Incoming("guild/101/motor.txt", "Motor show opens", MotorShow) with { Owner = new DocumentOwner(Server, 7, "mod", "motor.txt") },
            new GuildSourceLimits(),
            CancellationToken.None);
        Assert.Equal(["guild/101/motor.txt"], report.AnalysisPending);
        return (await _store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.GuildId == Server).Id;
    }

    [Fact]
    public async Task Engines_ServerDocumentWithoutVectorsAmongEmbeddedOnes_AnswerByItsWordsThenByMeaningOnceStored()
    {
        long motor = await SeedsAndServerDocumentWithoutVectorsAsync();
        IReadOnlyList<DocumentInfo> listed = await _store.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.All(listed, d => Assert.Equal(d.GuildId is null, d.HasVectors));

        QuoteResult byWords = await _quotes.FindQuotesAsync(new QuoteRequest("forty new cars on display", null, 3), InServer, CancellationToken.None);
        QuoteResult byMeaningBefore = await _quotes.FindQuotesAsync(new QuoteRequest("automobile", null, 3), InServer, CancellationToken.None);
        QuoteResult inDocument = await _quotes.FindQuotesAsync(new QuoteRequest("test drives", motor, 3), InServer, CancellationToken.None);
        Summary summary = await _summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Long), InServer, CancellationToken.None);
        Summary ofDocument = await _summaries.SummarizeAsync(new SummaryRequest(motor, SummaryLength.Short), InServer, CancellationToken.None);
        IReadOnlyList<Theme> themes = await _themes.FindThemesAsync(null, InServer, CancellationToken.None);
        IReadOnlyList<Theme> documentThemes = await _themes.FindThemesAsync(motor, InServer, CancellationToken.None);

        Assert.Equal(motor, byWords.Matches[0].Sentence.Citation.DocumentId);
        Assert.DoesNotContain(byMeaningBefore.Matches, m => m.Sentence.Citation.DocumentId == motor);
        Assert.NotEmpty(inDocument.Matches);
        Assert.All(byWords.Matches.Concat(byMeaningBefore.Matches).Concat(inDocument.Matches), m => Assert.True(double.IsFinite(m.Score), $"score {m.Score}"));
        Assert.True(double.IsFinite(byWords.Confidence));
        Assert.Equal(4, summary.DocumentCount);
        Assert.NotEmpty(ofDocument.Sentences);
        Assert.Contains(themes.SelectMany(t => t.Sources), s => s.DocumentId == motor);
        Assert.NotNull(documentThemes);

        long revision = await _store.Store.GetRevisionAsync(CancellationToken.None);
        Assert.True(await _deferred.CompleteAsync(Assert.Single(_queue.Items), CancellationToken.None));
        QuoteResult byMeaningAfter = await _quotes.FindQuotesAsync(new QuoteRequest("automobile", null, 3), InServer, CancellationToken.None);
        QuoteResult inDm = await _quotes.FindQuotesAsync(new QuoteRequest("automobile", null, 3), DocumentScope.OperatorOnly, CancellationToken.None);

        Assert.NotEqual(revision, await _store.Store.GetRevisionAsync(CancellationToken.None));
        Assert.All(await _store.Store.ListDocumentsAsync(CancellationToken.None), d => Assert.True(d.HasVectors));
        Assert.Contains(byMeaningAfter.Matches, m => m.Sentence.Citation.DocumentId == motor && m.Sentence.Text.Contains("cars", StringComparison.Ordinal));
        Assert.DoesNotContain(inDm.Matches, m => m.Sentence.Citation.DocumentId == motor);
    }

    [Fact]
    public async Task CompleteAsync_DocumentRemovedOrReplacedWhilePending_NothingStored()
    {
        long motor = await SeedsAndServerDocumentWithoutVectorsAsync();
        PendingAnalysis first = Assert.Single(_queue.Items);
        IncomingDocument edited = first.Source with { Text = MotorShow + " Parking was free.", ContentHash = SourceFileReader.HashText(MotorShow + " Parking was free.") };
        await _ingestion.AddForGuildAsync(edited, new GuildSourceLimits(), CancellationToken.None);

        bool staleStored = await _deferred.CompleteAsync(first, CancellationToken.None);
        await _ingestion.RemoveAsync([first.Source.SourceName], CancellationToken.None);
        bool removedStored = await _deferred.CompleteAsync(_queue.Items[1], CancellationToken.None);

        Assert.False(staleStored);
        Assert.False(removedStored);
        Assert.DoesNotContain(await _store.Store.ListDocumentsAsync(CancellationToken.None), d => d.Id == motor);
    }

    private static IncomingDocument Incoming(string key, string title, string text) => new(key, title, text, SourceFileReader.HashText(text));

    private sealed class QueueOfOne : IAnalysisQueue
    {
        public List<PendingAnalysis> Items { get; } = [];

        public bool TryEnqueue(PendingAnalysis document)
        {
            Items.Add(document);
            return true;
        }
    }
}
