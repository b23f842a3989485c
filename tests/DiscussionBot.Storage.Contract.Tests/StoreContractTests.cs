using System.Text;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Core.Pins;

namespace DiscussionBot.Storage.Contract.Tests;

/// <summary>
/// What every store provider must do behind the Core ports, run once per provider (SQLite, PostgreSQL): documents with
/// their paragraphs and sentences at exact offsets, full-text search (user text never read as syntax), revisions,
/// analysis, pins and server-owned sources. Scores differ between providers (BM25 versus ts_rank); only their order
/// and the hits themselves are part of the contract.
/// </summary>
public abstract partial class StoreContractTests
{
    private const ulong GuildA = 111;
    private const ulong GuildB = 222;
    private const string Harbour = "The harbour reopened on Monday. Fishing boats returned at dawn.\n\nThe mayor praised the crews.";
    private const string Council = "The council met on Tuesday. It approved the budget for new schools.";

    protected abstract Task<StoreUnderTest> CreateStoreAsync();

    [SkippableFact]
    public async Task Ingest_Document_ListedAndReadBackWithSentencesAtExactOffsets()
    {
        await using StoreUnderTest store = await CreateStoreAsync();

        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);

        DocumentInfo info = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        SourceDocument document = (await store.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;
        Assert.Equal("harbour.txt", info.SourceName);
        Assert.Equal(Harbour.Length, info.CharacterCount);
        Assert.Equal(2, info.ParagraphCount);
        Assert.Equal(3, info.SentenceCount);
        Assert.Equal(store.Time.GetUtcNow(), info.IngestedAt);
        Assert.Null(info.GuildId);
        Assert.Equal(Harbour, document.Text);
        Assert.All(document.Sentences, s => Assert.Equal(s.Text, Harbour.Substring(s.Start, s.Length)));
        Assert.Equal([1, 1, 2], document.Sentences.Select(s => s.ParagraphNumber));
        Assert.Null(await store.Store.GetDocumentAsync(info.Id + 1000, CancellationToken.None));
    }

    [SkippableFact]
    public async Task SearchSentences_WordOfOneSentence_FindsItBestFirstAndRestrictsToADocument()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour), Operator("council.txt", Council)], CancellationToken.None);
        long council = (await store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == "council.txt").Id;

        IReadOnlyList<SentenceHit> boats = await store.Store.SearchSentencesAsync(["fishing", "boats"], null, 10, CancellationToken.None);
        IReadOnlyList<SentenceHit> inCouncil = await store.Store.SearchSentencesAsync(["the"], council, 10, CancellationToken.None);
        IReadOnlyList<SentenceHit> budget = await store.Store.SearchSentencesAsync(["budget", "harbour"], null, 1, CancellationToken.None);

        SentenceHit hit = Assert.Single(boats);
        Assert.Equal(1, hit.SentenceOrdinal);
        Assert.All(inCouncil, h => Assert.Equal(council, h.DocumentId));
        Assert.Single(budget);
        Assert.Empty(await store.Store.SearchSentencesAsync(["zeppelin"], null, 10, CancellationToken.None));
        Assert.Empty(await store.Store.SearchSentencesAsync([], null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Search_UserTextWithSqlAndQuerySyntax_ReadAsPlainWordsAndStoreIntact()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        string[] hostile = ["'; DROP TABLE documents; --", "\"boats\" OR *", "NEAR(a b)", "harbour & !boats | (", ":*", "\\", "$1", "@term0"];

        foreach (string text in hostile)
        {
            await store.Store.SearchSentencesAsync([text], null, 10, CancellationToken.None);
            await store.Store.SearchDocumentsAsync([text], 10, CancellationToken.None);
            await store.Store.SearchSentencesInScopeAsync([text], DocumentScope.ForGuild(GuildA), 10, CancellationToken.None);
        }

        Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.NotEmpty(await store.Store.SearchSentencesAsync(["boats"], null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task SearchDocuments_TermsOfOneDocument_RanksItFirst()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour), Operator("council.txt", Council)], CancellationToken.None);

        IReadOnlyList<DocumentHit> hits = await store.Store.SearchDocumentsAsync(["council", "budget", "schools"], 10, CancellationToken.None);

        DocumentInfo council = (await store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == "council.txt");
        Assert.Equal(council.Id, Assert.Single(hits).DocumentId);
    }

    [SkippableFact]
    public async Task Revision_ChangesOnWriteAndRemoveOnly()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        long empty = await store.Store.GetRevisionAsync(CancellationToken.None);

        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        long written = await store.Store.GetRevisionAsync(CancellationToken.None);
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        long unchanged = await store.Store.GetRevisionAsync(CancellationToken.None);
        await store.Ingestion.RemoveAsync(["harbour.txt"], CancellationToken.None);
        long removed = await store.Store.GetRevisionAsync(CancellationToken.None);

        Assert.NotEqual(empty, written);
        Assert.Equal(written, unchanged);
        Assert.NotEqual(written, removed);
        Assert.Empty(await store.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.Empty(await store.Store.SearchSentencesAsync(["harbour"], null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Update_SameKeyNewText_KeepsTheIdAndReplacesTheSentences()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("news.txt", Harbour)], CancellationToken.None);
        long id = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).Id;

        IngestionReport report = await store.Ingestion.IngestAsync([Operator("news.txt", Council)], CancellationToken.None);

        Assert.Equal(["news.txt"], report.Updated);
        Assert.Equal(id, Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).Id);
        Assert.Equal(Council, (await store.Store.GetDocumentAsync(id, CancellationToken.None))!.Text);
        Assert.Empty(await store.Store.SearchSentencesAsync(["harbour"], null, 10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Remove_UnknownKey_RefusedAndNothingRemoved()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);

        await Assert.ThrowsAsync<UnknownSourceException>(() => store.Ingestion.RemoveAsync(["harbour.txt", "nope.txt"], CancellationToken.None));

        Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task Ingest_SameTextUnderTwoKeys_StoredOnceAndReportedAsDuplicate()
    {
        await using StoreUnderTest store = await CreateStoreAsync();

        IngestionReport report = await store.Ingestion.IngestAsync([Operator("a.txt", Harbour), Operator("b.txt", Harbour)], CancellationToken.None);

        Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.Equal("b.txt", Assert.Single(report.Duplicates).Key);
    }

    [SkippableFact]
    public async Task Analysis_SalienceVectorsAndKeyPhrases_ReadBackInOrder()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour), Operator("council.txt", Council)], CancellationToken.None);
        long harbour = (await store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == "harbour.txt").Id;

        DocumentAnalysis analysis = (await store.Analysis.GetDocumentAnalysisAsync(harbour, CancellationToken.None))!;
        var quotable = new List<AnalyzedSentence>();
        await foreach (AnalyzedSentence sentence in store.Analysis.ReadQuotableSentencesAsync(CancellationToken.None))
        {
            quotable.Add(sentence);
        }

        Assert.Equal(3, analysis.SentenceSalience.Count);
        Assert.True(analysis.SentenceSalience[0] > analysis.SentenceSalience[2]);
        Assert.NotNull(analysis.SentenceVectors);
        Assert.Equal(3, analysis.SentenceVectors!.Count);
        Assert.Equal(quotable.OrderBy(s => s.DocumentId).ThenBy(s => s.Ordinal), quotable);
        Assert.All(quotable, s => Assert.NotNull(s.Vector));
        AnalyzedSentence first = quotable.First(s => s.DocumentId == harbour);
        Assert.Equal(analysis.SentenceVectors[first.Ordinal], first.Vector);
        Assert.Null(await store.Analysis.GetDocumentAnalysisAsync(harbour + 1000, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Analysis_LexicalDocument_NoVectors()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        store.Analyzer.WithVectors = false;
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        long id = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).Id;

        DocumentAnalysis analysis = (await store.Analysis.GetDocumentAnalysisAsync(id, CancellationToken.None))!;

        Assert.Null(analysis.SentenceVectors);
    }

    [SkippableFact]
    public async Task Pins_RecordedTwiceAndListed_NewestFirstWithSourcesPerGuild()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        DateTimeOffset t0 = store.Time.GetUtcNow();
        await store.Pins.RecordAsync(Pin(10, t0, GuildA, new PinnedSource(1, "A", "h1")), CancellationToken.None);
        await store.Pins.RecordAsync(Pin(11, t0.AddMinutes(5), GuildA, new PinnedSource(2, "B", "h2"), new PinnedSource(1, "A", "h1")), CancellationToken.None);
        await store.Pins.RecordAsync(Pin(12, t0, GuildB), CancellationToken.None);
        await store.Pins.RecordAsync(Pin(10, t0.AddMinutes(1), GuildA, new PinnedSource(1, "A", "h1")), CancellationToken.None);

        IReadOnlyList<PinRecord> pins = await store.Pins.ListAsync(GuildA, 10, CancellationToken.None);

        Assert.Equal([11UL, 10UL], pins.Select(p => p.MessageId));
        Assert.Equal(["A", "B"], pins[0].Sources.Select(s => s.Title));
        Assert.Equal(t0.AddMinutes(5), pins[0].PinnedAt);
        Assert.Equal(t0.AddMinutes(1), pins[1].PinnedAt);
        Assert.Equal(1130000000000000000UL, pins[0].ChannelId);
        Assert.Single(await store.Pins.ListAsync(GuildA, 1, CancellationToken.None));
        Assert.Empty((await store.Pins.ListAsync(GuildB, 10, CancellationToken.None)).Single().Sources);
    }

    [SkippableFact]
    public async Task GuildSources_VisibleInTheirServerOnlyWithWhoAddedThem()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("council.txt", Council)], CancellationToken.None);

        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Harbour), new GuildSourceLimits(), CancellationToken.None);
        IngestionReport sameInB = await store.Ingestion.AddForGuildAsync(FromGuild(GuildB, "b1", Harbour), new GuildSourceLimits(), CancellationToken.None);
        IngestionReport seedCopy = await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a2", Council), new GuildSourceLimits(), CancellationToken.None);

        Assert.Equal(["council.txt", "guild/111/a1"], await KeysAsync(store, DocumentScope.ForGuild(GuildA)));
        Assert.Equal(["council.txt"], await KeysAsync(store, DocumentScope.OperatorOnly));
        Assert.Equal(["guild/222/b1"], sameInB.Added);
        Assert.Equal("council.txt", Assert.Single(seedCopy.Duplicates).SameAs);
        DocumentInfo a1 = (await store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == "guild/111/a1");
        Assert.Equal(new DocumentOwner(GuildA, 42, "mod", "https://discord.com/channels/111/5/6"), a1.Owner);
        IReadOnlyList<SentenceHit> inA = await store.Store.SearchSentencesInScopeAsync(["boats"], DocumentScope.ForGuild(GuildA), 10, CancellationToken.None);
        Assert.Equal(a1.Id, Assert.Single(inA).DocumentId);
        Assert.Empty(await store.Store.SearchSentencesInScopeAsync(["boats"], DocumentScope.OperatorOnly, 10, CancellationToken.None));
        Assert.Single(await store.Store.SearchSentencesInScopeAsync(["budget"], DocumentScope.ForGuild(GuildB), 10, CancellationToken.None));
        GuildUsage usage = await store.Writer.GetGuildUsageAsync(GuildA, CancellationToken.None);
        Assert.Equal(new GuildUsage(1, Harbour.Length), usage);
    }

    [SkippableFact]
    public async Task Write_KeyOfAnotherOwnersDocument_RefusedAndRolledBack()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "shared", Harbour), new GuildSourceLimits(), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Ingestion.IngestAsync(
            [Operator("guild/111/shared", "The operator tries to take this key. It must not move.")], CancellationToken.None));

        Assert.Equal(GuildA, Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None)).GuildId);
    }

    [SkippableFact]
    public async Task GuildLimits_TwoReplicasAddingAtOnce_TogetherStayWithinTheLimit()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        var limits = new GuildSourceLimits { MaxDocumentsPerGuild = 3 };
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Harbour), limits, CancellationToken.None);
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a2", Council), limits, CancellationToken.None);
        IngestionService[] replicas = [store.IngestionThrough(store.OtherReplicaWriter()), store.IngestionThrough(store.OtherReplicaWriter())];

        // Both see 2 of 3 before they write; only the write transaction can tell them apart.
        Task<IngestionReport>[] adds = replicas
            .Select((replica, i) => Task.Run(() => replica.AddForGuildAsync(FromGuild(GuildA, $"late{i}", $"Late document number {i}. It arrives at once."), limits, CancellationToken.None)))
            .ToArray();
        Exception? refused = await Record.ExceptionAsync(() => Task.WhenAll(adds));

        Assert.IsType<SourceLimitException>(refused);
        Assert.Equal(1, adds.Count(a => a.IsCompletedSuccessfully));
        Assert.Equal(3, (await store.Writer.GetGuildUsageAsync(GuildA, CancellationToken.None)).Documents);
        await Assert.ThrowsAsync<SourceLimitException>(() => replicas[0].AddForGuildAsync(FromGuild(GuildA, "later", "One more. Over the limit."), limits, CancellationToken.None));
    }

    [SkippableFact]
    public async Task GuildLimits_CheckedInsideTheWrite_RefusesWhatTheCallerDidNotSeeAndWritesNothing()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        var limits = new GuildSourceLimits { MaxCharactersPerGuild = Harbour.Length + Council.Length - 1 };
        await store.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Harbour), limits, CancellationToken.None);
        long revision = await store.Store.GetRevisionAsync(CancellationToken.None);
        IDocumentWriter otherReplica = store.OtherReplicaWriter();
        PreparedDocument council = Prepared(FromGuild(GuildA, "a2", Council));

        await Assert.ThrowsAsync<SourceLimitException>(() => otherReplica.WriteAsync([council], [], limits, CancellationToken.None));

        Assert.Equal(revision, await store.Store.GetRevisionAsync(CancellationToken.None));
        Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        IngestionReport withoutLimits = await otherReplica.WriteAsync([council], [], CancellationToken.None);
        Assert.Equal(["guild/111/a2"], withoutLimits.Added);
    }

    [SkippableFact]
    public async Task Write_OneCallWithNewReplacedAndDuplicateDocuments_WritesEachByTheSameRules()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        await store.Ingestion.IngestAsync([Operator("harbour.txt", Harbour)], CancellationToken.None);
        long harbourId = (await store.Store.ListDocumentsAsync(CancellationToken.None)).Single().Id;
        const string Replaced = "The harbour closed again. Storms are coming.";

        IngestionReport report = await store.Writer.WriteAsync(
            [Prepared(Operator("council.txt", Council)), Prepared(Operator("harbour.txt", Replaced)), Prepared(Operator("council-copy.txt", Council))],
            ["unchanged.txt"],
            CancellationToken.None);

        Assert.Equal(["council.txt"], report.Added);
        Assert.Equal(["harbour.txt"], report.Updated);
        Assert.Equal(["unchanged.txt"], report.Unchanged);
        Assert.Equal(new DuplicateSource("council-copy.txt", "council.txt"), Assert.Single(report.Duplicates));
        SourceDocument harbour = (await store.Store.GetDocumentAsync(harbourId, CancellationToken.None))!;
        Assert.Equal(Replaced, harbour.Text);
        Assert.Equal(2, harbour.Sentences.Count);
        IReadOnlyList<DocumentInfo> documents = await store.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.Equal(2, documents.Count);
        long councilId = documents.Single(d => d.SourceName == "council.txt").Id;
        Assert.Equal(councilId, Assert.Single(await store.Store.SearchSentencesAsync(["budget"], null, 10, CancellationToken.None)).DocumentId);
        Assert.Equal(2, (await store.Analysis.GetDocumentAnalysisAsync(councilId, CancellationToken.None))!.SentenceSalience.Count);
    }

    [SkippableFact]
    public async Task LongDocument_ThousandsOfSentences_RoundTripsAndIsSearchable()
    {
        await using StoreUnderTest store = await CreateStoreAsync();
        var text = new StringBuilder();
        for (int i = 0; i < 600; i++)
        {
            text.Append("Paragraph ").Append(i).Append(" opens here. It has a second sentence about item").Append(i).Append(". And a third one.\n\n");
        }

        await store.Ingestion.IngestAsync([Operator("long.txt", text.ToString().TrimEnd())], CancellationToken.None);

        DocumentInfo info = Assert.Single(await store.Store.ListDocumentsAsync(CancellationToken.None));
        SourceDocument document = (await store.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;
        Assert.Equal(600, info.ParagraphCount);
        Assert.Equal(1800, document.Sentences.Count);
        Assert.All(document.Sentences, s => Assert.Equal(s.Text, document.Text.Substring(s.Start, s.Length)));
        Assert.Single(await store.Store.SearchSentencesAsync(["item599"], null, 10, CancellationToken.None));
    }

    private static PreparedDocument Prepared(IncomingDocument source)
    {
        Segmentation segmentation = new Text.Documents.TextSegmenter().Segment(source.Text);
        int count = segmentation.Sentences.Count;
        var analysis = new DocumentAnalysis(Enumerable.Repeat(0.5f, count).ToList(), null, [new KeyPhrase("phrase", 1f)]);
        return new PreparedDocument(source, segmentation, analysis, "fingerprint");
    }

    private static IncomingDocument Operator(string key, string text) => new(key, key, text, SourceFileReader.HashText(text));

    private static IncomingDocument FromGuild(ulong guild, string id, string text) =>
        new($"guild/{guild}/{id}", id, text, SourceFileReader.HashText(text))
        {
            Owner = new DocumentOwner(guild, 42, "mod", $"https://discord.com/channels/{guild}/5/6"),
        };

    private static PinRecord Pin(ulong messageId, DateTimeOffset at, ulong guildId, params PinnedSource[] sources) =>
        new(guildId, 1130000000000000000, messageId, 53908232506183680, "mod", "all sources", "short", sources, at);

    private static async Task<List<string>> KeysAsync(StoreUnderTest store, DocumentScope scope) =>
        (await store.Store.ListDocumentsAsync(scope, CancellationToken.None)).OrderBy(d => d.Id).Select(d => d.SourceName).ToList();
}
