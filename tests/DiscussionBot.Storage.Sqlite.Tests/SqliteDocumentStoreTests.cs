using DiscussionBot.Core.Documents;
using DiscussionBot.Storage.Sqlite.Schema;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class SqliteDocumentStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task GetDocumentAsync_EverySentence_EqualsSourceSubstringAtItsOffsets()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        _fixture.Folder.WriteText("more/tricky.txt", "Dr. Smith said “It’s over.” Then left!\r\n\r\nU.S. troops... arrived at 3.5 p.m. Really?\n\n  Indented line without stop\n");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("more")], CancellationToken.None);

        foreach (DocumentInfo info in await _fixture.Store.ListDocumentsAsync(CancellationToken.None))
        {
            SourceDocument document = (await _fixture.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;
            Assert.NotEmpty(document.Sentences);
            foreach (Sentence sentence in document.Sentences)
            {
                Assert.Equal(document.Text.Substring(sentence.Start, sentence.Length), sentence.Text);
                Paragraph paragraph = document.Paragraphs.Single(p => p.Number == sentence.ParagraphNumber);
                Assert.InRange(sentence.Start, paragraph.Start, paragraph.End - sentence.Length);
            }
        }
    }

    [Fact]
    public async Task GetDocumentAsync_SeedFurnitureLine_StoredButNotQuotable()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        DocumentInfo info = Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));

        SourceDocument document = (await _fixture.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;

        Sentence furniture = Assert.Single(document.Sentences, s => s.Text == "Read the original article here");
        Assert.False(furniture.IsQuotable);
        Assert.Contains("Read the original article here", document.Text, StringComparison.Ordinal);
        Assert.Empty(await _fixture.Store.SearchSentencesAsync(["original", "article"], null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task GetDocumentAsync_EachDocument_InfoSameAsInTheList()
    {
        for (int i = 0; i < 4; i++)
        {
            _fixture.Folder.WriteText($"i/doc{i}.txt", $"Title number {i}\n\nFirst paragraph {i}. Second sentence.\n\nAnother paragraph.");
        }

        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("i")], CancellationToken.None);

        IReadOnlyList<DocumentInfo> listed = await _fixture.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.Equal(4, listed.Count);
        foreach (DocumentInfo info in listed)
        {
            SourceDocument document = (await _fixture.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;
            Assert.Equal(info, document.Info);
        }
    }

    [Fact]
    public async Task GetDocumentAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await _fixture.Store.GetDocumentAsync(12345, CancellationToken.None));
    }

    [Fact]
    public async Task SearchSentencesAsync_PlainTerms_RanksBestMatchFirst()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        long id = (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Single().Id;
        SourceDocument document = (await _fixture.Store.GetDocumentAsync(id, CancellationToken.None))!;

        IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesAsync(["cannon", "fodder"], null, 5, CancellationToken.None);

        Sentence best = document.Sentences[hits[0].SentenceOrdinal];
        Assert.Contains("cannon fodder", best.Text, StringComparison.Ordinal);
        Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b)")]
    [InlineData("text:propaganda")]
    [InlineData("propaganda*")]
    [InlineData("'; DROP TABLE documents; --")]
    [InlineData("AND OR NOT")]
    [InlineData("^propaganda")]
    [InlineData("{text}: x")]
    public async Task SearchSentencesAsync_FtsOrSqlSyntax_TreatedAsPlainWords(string hostile)
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);

        IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesAsync([hostile, "propaganda"], null, 10, CancellationToken.None);

        Assert.NotEmpty(hits);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SearchSentencesAsync_NoUsableTerms_ReturnsNothing()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);

        Assert.Empty(await _fixture.Store.SearchSentencesAsync(["", "  ", "***", "\"\""], null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task SearchSentencesAsync_DocumentFilter_OnlyThatDocument()
    {
        _fixture.Folder.WriteText("d/a.txt", "Propaganda is everywhere. Nothing else here.");
        _fixture.Folder.WriteText("d/b.txt", "More propaganda in this one. And more.");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("d")], CancellationToken.None);
        long bId = (await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.SourceName == "b.txt").Id;

        IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesAsync(["propaganda"], bId, 10, CancellationToken.None);

        Assert.All(hits, h => Assert.Equal(bId, h.DocumentId));
        Assert.Single(hits);
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(10, 3)]
    [InlineData(20, 2)]
    [InlineData(20, 3)]
    [InlineData(20, 100)]
    public async Task SearchSentencesAsync_ManyTiedMatches_SameAsRankingEveryMatch(int documents, int limit)
    {
        // Identical sentences tie on bm25, so the (document, ordinal) tie-break decides; the furniture line never
        // counts; two documents have one clearly better sentence, so a short answer is decided inside the pool.
        for (int i = 0; i < documents; i++)
        {
            string best = i < 2 ? "\n\nAlpha beta, alpha beta, alpha beta." : string.Empty;
            _fixture.Folder.WriteText($"t/doc{i:00}.txt", $"Report {i}\n\nAlpha beta gamma.\n\nAlpha delta here.\n\nRead the original article here\n\nBeta again, alpha.{best}");
        }

        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("t")], CancellationToken.None);

        IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesAsync(["alpha", "beta"], null, limit, CancellationToken.None);

        Assert.Equal(RankEveryMatch("\"alpha\" OR \"beta\"", null, limit), hits);
        Assert.Equal(Math.Min(limit, (documents * 3) + Math.Min(documents, 2)), hits.Count);
    }

    [Fact]
    public async Task SearchSentencesAsync_DocumentUpdatedAfterOthers_SameAsRankingEveryMatch()
    {
        for (int i = 0; i < 5; i++)
        {
            _fixture.Folder.WriteText($"u/doc{i}.txt", $"Title {i}\n\nPropaganda works. Propaganda fails {i}.\n\nNothing else.");
        }

        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("u")], CancellationToken.None);
        _fixture.Folder.WriteText("u/doc2.txt", "Title 2\n\nPropaganda changed. More propaganda now, propaganda.\n\nNothing.");
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("u")], CancellationToken.None);

        foreach (DocumentInfo info in await _fixture.Store.ListDocumentsAsync(CancellationToken.None))
        {
            IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesAsync(["propaganda"], info.Id, 10, CancellationToken.None);

            Assert.Equal(RankEveryMatch("\"propaganda\"", info.Id, 10), hits);
            Assert.NotEmpty(hits);
        }
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(10, 3)]
    [InlineData(20, 2)]
    [InlineData(20, 5)]
    [InlineData(20, 100)]
    public async Task SearchSentencesInScopeAsync_ManyTiedMatchesInSeveralServers_SameAsRankingEveryMatch(int documents, int limit)
    {
        // The operator's documents and two servers' hold the same tied sentences; server B's also hold the best ones,
        // so the pool the store ranks first is full of rows another scope must not see, and ties straddle its edge.
        var incoming = new List<Core.Ingestion.IncomingDocument>();
        foreach ((ulong? guild, string prefix) in new[] { ((ulong?)null, "op"), (111UL, "a"), (222UL, "b") })
        {
            for (int i = 0; i < documents; i++)
            {
                string best = guild == 222UL && i < 3 ? "\n\nAlpha beta, alpha beta, alpha beta." : string.Empty;
                string text = $"Report {prefix}{i}\n\nAlpha beta gamma.\n\nAlpha delta here.\n\nBeta again, alpha {prefix}.{best}";
                string key = guild is { } g ? $"guild/{g}/{prefix}{i}" : $"{prefix}{i}.txt";
                incoming.Add(new Core.Ingestion.IncomingDocument(key, key, text, Core.Ingestion.SourceFileReader.HashText(text))
                {
                    Owner = guild is { } owner ? new DocumentOwner(owner, 42, "mod", null) : null,
                });
            }
        }

        await _fixture.Ingestion.IngestAsync(incoming, CancellationToken.None);

        foreach (DocumentScope scope in new[] { DocumentScope.OperatorOnly, DocumentScope.ForGuild(111), DocumentScope.ForGuild(222) })
        {
            IReadOnlyList<SentenceHit> hits = await _fixture.Store.SearchSentencesInScopeAsync(["alpha", "beta"], scope, limit, CancellationToken.None);

            Assert.Equal(RankEveryMatchInScope("\"alpha\" OR \"beta\"", scope, limit), hits);
            Assert.Equal(Math.Min(limit, (scope.GuildId is null ? 1 : 2) * documents * 3 + (scope.GuildId == 222 ? Math.Min(documents, 3) : 0)), hits.Count);
        }
    }

    /// <summary>The reference for a scope: join every match to its sentence and document, then rank.</summary>
    private List<SentenceHit> RankEveryMatchInScope(string match, DocumentScope scope, int limit)
    {
        using SqliteConnection connection = _fixture.Connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, bm25(sentences_fts) AS rank
            FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid JOIN documents d ON d.id = s.document_id
            WHERE sentences_fts MATCH $match AND s.is_quotable = 1 AND (d.guild_id IS NULL OR d.guild_id = $guild)
            ORDER BY rank, s.document_id, s.ordinal
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$guild", scope.GuildId is { } guild ? (long)guild : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadHits(command);
    }

    /// <summary>The reference: rank every match in SQL, as the store did before it ranked a bounded pool.</summary>
    private List<SentenceHit> RankEveryMatch(string match, long? documentId, int limit)
    {
        using SqliteConnection connection = _fixture.Connections.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.document_id, s.ordinal, bm25(sentences_fts) AS rank
            FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
            WHERE sentences_fts MATCH $match AND s.is_quotable = 1 AND ($document IS NULL OR s.document_id = $document)
            ORDER BY rank, s.document_id, s.ordinal
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$document", (object?)documentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadHits(command);
    }

    /// <summary>Rows of (document, ordinal, bm25) as the port's higher-is-better hits.</summary>
    private static List<SentenceHit> ReadHits(SqliteCommand command)
    {
        var hits = new List<SentenceHit>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            hits.Add(new SentenceHit(reader.GetInt64(0), reader.GetInt32(1), -reader.GetDouble(2)));
        }

        return hits;
    }

    [Fact]
    public void Migrate_FreshStore_SetsCurrentVersionAndWal()
    {
        using SqliteConnection connection = _fixture.Connections.Open();

        Assert.Equal(SchemaMigrator.CurrentVersion, SchemaMigrator.ReadVersion(connection));
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
    }

    [Fact]
    public void Open_StoreFromNewerVersion_ThrowsUnusable()
    {
        string path = _fixture.Folder.Combine("newer.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999";
            command.ExecuteNonQuery();
        }

        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = path }));

        var error = Assert.Throws<StoreUnusableException>(factory.Open);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_ThrowsUnusable()
    {
        string path = _fixture.Folder.WriteText("garbage.db", new string('x', 4096));
        var factory = new SqliteConnectionFactory(Options.Create(new StoreOptions { Path = path }));

        var error = Assert.Throws<StoreUnusableException>(factory.Open);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListDocumentsAsync_AfterIngest_SeesNewDocumentDespiteCache()
    {
        Assert.Empty(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        _fixture.Folder.WriteText("x/new.txt", "New document. Right here.");

        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("x")], CancellationToken.None);

        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }
}
