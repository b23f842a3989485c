using DiscussionBot.Commands.Handlers;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Commands.Tests.Handlers;

public sealed class ScopeDocumentVersionsTests
{
    private static readonly DocumentScope GuildA = DocumentScope.ForGuild(1);
    private static readonly DocumentScope GuildB = DocumentScope.ForGuild(2);

    [Fact]
    public async Task GetAsync_SameRevision_ListsTheDocumentsOnce()
    {
        var store = new ListingStore();
        store.Add(Document(1, guild: null));
        var versions = new ScopeDocumentVersions(store);

        long first = await versions.GetAsync(GuildA, CancellationToken.None);
        long second = await versions.GetAsync(GuildA, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, store.Listings);
    }

    [Fact]
    public async Task GetAsync_AnotherServerAddsADocument_VersionUnchanged()
    {
        var store = new ListingStore();
        store.Add(Document(1, guild: null));
        var versions = new ScopeDocumentVersions(store);
        long before = await versions.GetAsync(GuildA, CancellationToken.None);

        store.Add(Document(2, guild: 2));

        Assert.Equal(before, await versions.GetAsync(GuildA, CancellationToken.None));
        Assert.NotEqual(before, await versions.GetAsync(GuildB, CancellationToken.None));
        Assert.Equal(3, store.Listings);
    }

    [Fact]
    public async Task GetAsync_OwnServerAddsADocument_VersionChanges()
    {
        var store = new ListingStore();
        store.Add(Document(1, guild: null));
        var versions = new ScopeDocumentVersions(store);
        long before = await versions.GetAsync(GuildA, CancellationToken.None);

        store.Add(Document(2, guild: 1));

        Assert.NotEqual(before, await versions.GetAsync(GuildA, CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_OwnDocumentGetsItsVectors_VersionChanges()
    {
        var store = new ListingStore();
        store.Add(Document(1, guild: null));
        store.Add(Document(2, guild: 1));
        var versions = new ScopeDocumentVersions(store);
        long before = await versions.GetAsync(GuildA, CancellationToken.None);

        store.Replace(Document(2, guild: 1) with { HasVectors = true });

        Assert.NotEqual(before, await versions.GetAsync(GuildA, CancellationToken.None));
    }

    private static DocumentInfo Document(long id, ulong? guild) =>
        new(id, $"doc{id}.txt", $"Document {id}", $"hash{id}", 100, 1, 2, DateTimeOffset.UnixEpoch) { GuildId = guild };

    /// <summary>A store whose revision moves with each added or replaced document and which counts its listings.</summary>
    private sealed class ListingStore : IDocumentStore
    {
        private readonly List<DocumentInfo> _documents = [];
        private long _revision;

        public int Listings { get; private set; }

        public void Add(DocumentInfo document)
        {
            _documents.Add(document);
            _revision++;
        }

        public void Replace(DocumentInfo document)
        {
            _documents[_documents.FindIndex(d => d.Id == document.Id)] = document;
            _revision++;
        }

        public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken)
        {
            Listings++;
            return Task.FromResult<IReadOnlyList<DocumentInfo>>([.. _documents]);
        }

        public Task<long> GetRevisionAsync(CancellationToken cancellationToken) => Task.FromResult(_revision);

        public Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken) => Task.FromResult<SourceDocument?>(null);

        public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SentenceHit>>([]);

        public Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DocumentHit>>([]);
    }
}
