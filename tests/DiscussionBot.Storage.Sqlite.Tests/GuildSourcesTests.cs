using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Sqlite.Tests;

/// <summary>Documents a server adds belong to it: visible there (with the operator's), never in another server or a DM.</summary>
public sealed class GuildSourcesTests : IDisposable
{
    private const ulong GuildA = 111;
    private const ulong GuildB = 222;
    private const string Article = "The harbour reopened on Monday. Fishing boats returned at dawn.";

    private readonly StoreFixture _fixture = new();
    private readonly GuildSourceLimits _limits = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task AddForGuildAsync_DocumentOfServerA_VisibleInANotInBNorInDms()
    {
        await _fixture.Ingestion.IngestAsync([Operator("seed.txt", "The council met on Tuesday. It approved the budget.")], CancellationToken.None);

        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), _limits, CancellationToken.None);

        Assert.Equal(["seed.txt", "guild/111/a1"], await KeysAsync(DocumentScope.ForGuild(GuildA)));
        Assert.Equal(["seed.txt"], await KeysAsync(DocumentScope.ForGuild(GuildB)));
        Assert.Equal(["seed.txt"], await KeysAsync(DocumentScope.OperatorOnly));
        Assert.Single(await _fixture.Store.SearchSentencesInScopeAsync(["harbour"], DocumentScope.ForGuild(GuildA), 10, CancellationToken.None));
        Assert.Empty(await _fixture.Store.SearchSentencesInScopeAsync(["harbour"], DocumentScope.ForGuild(GuildB), 10, CancellationToken.None));
        Assert.Empty(await _fixture.Store.SearchSentencesInScopeAsync(["harbour"], DocumentScope.OperatorOnly, 10, CancellationToken.None));
        Assert.Single(await ((IDocumentStore)_fixture.Store).SearchSentencesInScopeAsync(["budget"], DocumentScope.ForGuild(GuildB), 10, CancellationToken.None));
    }

    [Fact]
    public async Task AddForGuildAsync_RecordsWhoAddedItAndFromWhere()
    {
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), _limits, CancellationToken.None);

        DocumentInfo info = Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        Assert.Equal(GuildA, info.GuildId);
        Assert.Equal(new DocumentOwner(GuildA, 42, "mod", "https://discord.com/channels/111/5/6"), info.Owner);
        Assert.Equal(_fixture.Time.GetUtcNow(), info.IngestedAt);
    }

    [Fact]
    public async Task AddForGuildAsync_SameTextInTwoServers_BothStoredNeitherSeesTheOther()
    {
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), _limits, CancellationToken.None);

        IngestionReport report = await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildB, "b1", Article), _limits, CancellationToken.None);

        Assert.Empty(report.Duplicates);
        Assert.Equal(["guild/222/b1"], report.Added);
    }

    [Fact]
    public async Task AddForGuildAsync_TextOfASeedOrOfTheServersOwn_ReportedAsDuplicate()
    {
        await _fixture.Ingestion.IngestAsync([Operator("seed.txt", Article)], CancellationToken.None);

        IngestionReport report = await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), _limits, CancellationToken.None);

        Assert.Equal([new DuplicateSource("guild/111/a1", "seed.txt")], report.Duplicates);
    }

    [Fact]
    public async Task AddForGuildAsync_DocumentCountLimit_RefusedNamingTheLimit()
    {
        var limits = new GuildSourceLimits { MaxDocumentsPerGuild = 1 };
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), limits, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SourceLimitException>(
            () => _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a2", "Another story. With two sentences."), limits, CancellationToken.None));

        Assert.Contains("MaxDocumentsPerGuild", error.Message, StringComparison.Ordinal);
        Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
        // Another server has its own allowance; updating a document already counted is not a new one.
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildB, "b1", "Another story. With two sentences."), limits, CancellationToken.None);
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article + " Updated."), limits, CancellationToken.None);
    }

    [Fact]
    public async Task AddForGuildAsync_CharacterLimit_RefusedNamingTheLimit()
    {
        var limits = new GuildSourceLimits { MaxCharactersPerGuild = Article.Length + 10 };
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a1", Article), limits, CancellationToken.None);

        var error = await Assert.ThrowsAsync<SourceLimitException>(
            () => _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "a2", "Another story. With two sentences."), limits, CancellationToken.None));

        Assert.Contains("MaxCharactersPerGuild", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_KeyOfAnotherOwnersDocument_RefusedAndRolledBack()
    {
        await _fixture.Ingestion.AddForGuildAsync(FromGuild(GuildA, "shared", Article), _limits, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _fixture.Ingestion.IngestAsync(
            [Operator("guild/111/shared", "The operator tries to take this key. It must not move.")], CancellationToken.None));

        Assert.Equal(GuildA, Assert.Single(await _fixture.Store.ListDocumentsAsync(CancellationToken.None)).GuildId);
    }

    private static IncomingDocument Operator(string key, string text) => new(key, key, text, SourceFileReader.HashText(text));

    private static IncomingDocument FromGuild(ulong guild, string id, string text) =>
        new($"guild/{guild}/{id}", id, text, SourceFileReader.HashText(text))
        {
            Owner = new DocumentOwner(guild, 42, "mod", $"https://discord.com/channels/{guild}/5/6"),
        };

    private async Task<List<string>> KeysAsync(DocumentScope scope) =>
        (await ((IDocumentStore)_fixture.Store).ListDocumentsAsync(scope, CancellationToken.None)).OrderBy(d => d.Id).Select(d => d.SourceName).ToList();
}
