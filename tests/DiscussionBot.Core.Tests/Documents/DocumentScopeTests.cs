using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;

namespace DiscussionBot.Core.Tests.Documents;

/// <summary>The port's default scoped reads, as any store without its own gets them.</summary>
public sealed class DocumentScopeTests
{
    private readonly InMemoryDocumentStore _store = new();

    [Fact]
    public async Task DefaultScopedReads_ServerSeesOperatorsAndItsOwnOnly()
    {
        Add("seed.txt", null, "The river flooded the valley.");
        Add("guild/1/a", 1, "The river bridge was closed.");
        Add("guild/2/b", 2, "The river ferry kept running.");
        IDocumentStore store = _store;

        var one = await store.ListDocumentsAsync(DocumentScope.ForGuild(1), CancellationToken.None);
        var dm = await store.ListDocumentsAsync(DocumentScope.OperatorOnly, CancellationToken.None);
        var hits = await store.SearchSentencesInScopeAsync(["river"], DocumentScope.ForGuild(2), 10, CancellationToken.None);

        Assert.Equal(["seed.txt", "guild/1/a"], one.Select(d => d.SourceName));
        Assert.Equal(["seed.txt"], dm.Select(d => d.SourceName));
        var keys = (await store.ListDocumentsAsync(CancellationToken.None)).ToDictionary(d => d.Id, d => d.SourceName);
        Assert.Equal(["guild/2/b", "seed.txt"], hits.Select(h => keys[h.DocumentId]).Order(StringComparer.Ordinal));
    }

    private void Add(string key, ulong? guild, string text)
    {
        var source = new IncomingDocument(key, key, text, SourceFileReader.HashText(text))
        {
            Owner = guild is { } g ? new DocumentOwner(g, 9, "mod", null) : null,
        };
        var sentence = new Sentence(0, 1, 0, text.Length, text, IsQuotable: true);
        _store.Add(source, new Segmentation([new Paragraph(1, 0, text.Length, false)], [sentence]), DocumentAnalysis.Empty(1));
    }
}
