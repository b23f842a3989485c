using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Contract.Tests;

/// <summary>Replacing a document's analysis once its background analysis is done (a server's addition in embedding mode).</summary>
public abstract partial class StoreContractTests
{
    private static readonly DocumentAnalysis Embedded = new(
        [0.1f, 0.2f, 0.3f],
        [[0f, 1f, 0f], [0f, 0f, 1f], [1f, 0f, 0f]],
        [new KeyPhrase("harbour crews", 3f), new KeyPhrase("fishing boats", 2f)]);

    [SkippableFact]
    public async Task ReplaceAnalysis_WordsOnlyDocument_AnalysisFingerprintAndRevisionReplacedTextKept()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        store.Analyzer.WithVectors = false;
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "harbour", Harbour), new GuildSourceLimits(), CancellationToken.None);
        DocumentInfo before = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        StoredSource stored = Assert.Single(await store.Writer.ListStoredSourcesAsync(CancellationToken.None));
        long revision = await store.Store.GetRevisionAsync(CancellationToken.None);

        bool replaced = await store.Writer.ReplaceAnalysisAsync(new AnalysisReplacement(stored.Key, stored.Fingerprint, Embedded, "fingerprint-2"), CancellationToken.None);

        Assert.True(replaced);
        Assert.False(before.HasVectors);
        DocumentInfo after = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.True(after.HasVectors);
        Assert.Equal((before.Id, before.ContentHash, before.SentenceCount), (after.Id, after.ContentHash, after.SentenceCount));
        Assert.NotEqual(revision, await store.Store.GetRevisionAsync(CancellationToken.None));
        Assert.Equal("fingerprint-2", Assert.Single(await store.Writer.ListStoredSourcesAsync(CancellationToken.None)).Fingerprint);
        DocumentAnalysis analysis = (await store.Analysis.GetDocumentAnalysisAsync(after.Id, CancellationToken.None))!;
        Assert.Equal(Embedded.SentenceSalience, analysis.SentenceSalience);
        Assert.Equal(Embedded.SentenceVectors, analysis.SentenceVectors);
        Assert.Equal(Embedded.KeyPhrases, analysis.KeyPhrases);
        Assert.Equal(Harbour, (await store.Store.GetDocumentAsync(after.Id, CancellationToken.None))!.Text);
        Assert.Single(await store.Store.SearchSentencesAsync(["boats"], after.Id, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task ReplaceAnalysis_VectorsThatCopyRows_EveryRowStoredAsItsOwn()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        store.Analyzer.WithVectors = false;
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "harbour", Harbour), new GuildSourceLimits(), CancellationToken.None);
        StoredSource stored = Assert.Single(await store.Writer.ListStoredSourcesAsync(CancellationToken.None));
        var compact = Embedded with { SentenceVectors = new CopyingVectorRows(Embedded.SentenceVectors!) };

        Assert.True(await store.Writer.ReplaceAnalysisAsync(new AnalysisReplacement(stored.Key, stored.Fingerprint, compact, "fingerprint-2"), CancellationToken.None));

        long id = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).Id;
        DocumentAnalysis analysis = (await store.Analysis.GetDocumentAnalysisAsync(id, CancellationToken.None))!;
        Assert.Equal(Embedded.SentenceVectors, analysis.SentenceVectors);
    }

    [SkippableFact]
    public async Task ReplaceAnalysis_DocumentReplacedRemovedOrMiscounted_FalseAndNothingWritten()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        store.Analyzer.WithVectors = false;
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        StoredSource stored = Assert.Single(await store.Writer.ListStoredSourcesAsync(CancellationToken.None));
        long id = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).Id;
        long revision = await store.Store.GetRevisionAsync(CancellationToken.None);
        DocumentAnalysis twoSentences = Embedded with { SentenceSalience = [1f, 2f], SentenceVectors = [[1f, 0f, 0f], [0f, 1f, 0f]] };

        bool replacedMeanwhile = await store.Writer.ReplaceAnalysisAsync(new AnalysisReplacement(stored.Key, "an older fingerprint", Embedded, "x"), CancellationToken.None);
        bool miscounted = await store.Writer.ReplaceAnalysisAsync(new AnalysisReplacement(stored.Key, stored.Fingerprint, twoSentences, "x"), CancellationToken.None);
        long unchangedRevision = await store.Store.GetRevisionAsync(CancellationToken.None);
        DocumentAnalysis unchanged = (await store.Analysis.GetDocumentAnalysisAsync(id, CancellationToken.None))!;
        string fingerprint = Assert.Single(await store.Writer.ListStoredSourcesAsync(CancellationToken.None)).Fingerprint;
        await store.Ingestion.RemoveAsync([stored.Key], CancellationToken.None);
        bool removed = await store.Writer.ReplaceAnalysisAsync(new AnalysisReplacement(stored.Key, stored.Fingerprint, Embedded, "x"), CancellationToken.None);

        Assert.False(replacedMeanwhile);
        Assert.False(miscounted);
        Assert.False(removed);
        Assert.Equal(revision, unchangedRevision);
        Assert.Null(unchanged.SentenceVectors);
        Assert.Equal(stored.Fingerprint, fingerprint);
        Assert.Empty(await store.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task AddForGuild_AnalyzerEncodesSentences_StoredWordsOnlyQueuedThenCompletedAndFoundUnchanged()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        store.Analyzer.EncodesSentences = true;
        var queue = new CollectingQueue();
        IngestionService ingestion = store.IngestionWith(queue);
        var deferred = new DeferredAnalysis(ingestion, store.Analyzer, store.Writer, store.Store);

        IngestionReport report = await ingestion.AddForGuildAsync(FromGuild(GuildA, "harbour", Harbour), new GuildSourceLimits(), CancellationToken.None);
        DocumentInfo waiting = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        WaitingDocument waitingFound = Assert.Single(await deferred.FindPendingAsync(CancellationToken.None));
        PendingAnalysis found = (await deferred.LoadAsync(waitingFound, CancellationToken.None))!;
        bool completed = await deferred.CompleteAsync(Assert.Single(queue.Items), CancellationToken.None);
        IngestionReport again = await ingestion.AddForGuildAsync(FromGuild(GuildA, "harbour", Harbour), new GuildSourceLimits(), CancellationToken.None);

        Assert.Equal(["guild/111/harbour"], report.AnalysisPending);
        Assert.Equal(1, store.Analyzer.WordsOnlyCalls);
        Assert.Equal(1, store.Analyzer.Calls); // the full analysis ran once, in the background step
        Assert.False(waiting.HasVectors);
        Assert.Equal(waiting.Id, waitingFound.Info.Id);
        Assert.Equal(queue.Items[0].StoredFingerprint, found.StoredFingerprint);
        Assert.Equal(queue.Items[0].Source with { Owner = null }, found.Source with { Owner = null });
        Assert.Equal(queue.Items[0].Segmentation.Sentences, found.Segmentation.Sentences);
        Assert.True(completed);
        Assert.True(Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).HasVectors);
        Assert.Empty(await deferred.FindPendingAsync(CancellationToken.None));
        Assert.Equal(["guild/111/harbour"], again.Unchanged);
        Assert.Single(queue.Items);
    }

    private sealed class CollectingQueue : IAnalysisQueue
    {
        public List<PendingAnalysis> Items { get; } = [];

        public bool TryEnqueue(PendingAnalysis document)
        {
            Items.Add(document);
            return true;
        }
    }
}
