using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests;

/// <summary>A store filled through the real ingestion use case, and the engines over it.</summary>
internal sealed class TestEngine
{
    private TestEngine(EngineMode mode, ISentenceEmbedder embedder, QuoteRankingOptions? ranking = null)
    {
        Options = Microsoft.Extensions.Options.Options.Create(new TextEngineOptions { Mode = mode });
        Embedder = embedder;
        Analyzer = new DocumentAnalyzer(Options, Microsoft.Extensions.Options.Options.Create(KeyPhraseOptions.Default), embedder);
        Cache = new CorpusCache(Store, Store);
        Summaries = new SummaryEngine(Store, Store, Cache, Microsoft.Extensions.Options.Options.Create(SummaryOptions.Default));
        Themes = new ThemeEngine(Store, Store, Cache, Options, Microsoft.Extensions.Options.Options.Create(KeyPhraseOptions.Default));
        Quotes = new QuoteEngine(Store, Cache, embedder, Options, Microsoft.Extensions.Options.Options.Create(ranking ?? QuoteRankingOptions.Default));
        Ingestion = new IngestionService(new SourceFileReader(), Segmenter, Analyzer, Store);
    }

    public InMemoryDocumentStore Store { get; } = new();

    public TextSegmenter Segmenter { get; } = new();

    public IOptions<TextEngineOptions> Options { get; }

    public ISentenceEmbedder Embedder { get; }

    public DocumentAnalyzer Analyzer { get; }

    public CorpusCache Cache { get; }

    public SummaryEngine Summaries { get; }

    public ThemeEngine Themes { get; }

    public QuoteEngine Quotes { get; }

    public IngestionService Ingestion { get; }

    public static TestEngine Lexical() => new(EngineMode.Lexical, new UnavailableEmbedder());

    public static TestEngine WithEmbeddings(ISentenceEmbedder embedder, QuoteRankingOptions? ranking = null) => new(EngineMode.Embedding, embedder, ranking);

    public static OnnxSentenceEmbedder CreateMiniLm() => new(
        Microsoft.Extensions.Options.Options.Create(new TextEngineOptions { Mode = EngineMode.Embedding }),
        NullLogger<OnnxSentenceEmbedder>.Instance);

    public async Task<long> AddAsync(string sourceName, string title, string text)
    {
        var incoming = new IncomingDocument(sourceName, title, text, SourceFileReader.HashText(text));
        await Ingestion.IngestAsync([incoming], CancellationToken.None);
        return (await Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == sourceName).Id;
    }

    public Task<long> AddSeedAsync() => AddAsync("000_seed.txt", SeedText.Title, SeedText.KimMourning);

    private sealed class UnavailableEmbedder : ISentenceEmbedder
    {
        public string ModelName => "none";

        public bool IsAvailable => false;

        public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no model in lexical tests");
    }
}

/// <summary>Loads the MiniLM model once for all embedding tests (about 0.3 s).</summary>
public sealed class MiniLmFixture : IDisposable
{
    public OnnxSentenceEmbedder Embedder { get; } = TestEngine.CreateMiniLm();

    public void Dispose() => Embedder.Dispose();
}
