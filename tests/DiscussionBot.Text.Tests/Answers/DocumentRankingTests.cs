namespace DiscussionBot.Text.Tests.Answers;

public sealed class DocumentRankingTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task RankDocumentsAsync_Lexical_WholeDocumentBm25Order()
    {
        TestEngine engine = TestEngine.Lexical();
        long garden = await engine.AddAsync("garden.txt", "Gardening", "Tomatoes need water. Tomatoes like sun. Water them daily.");
        long road = await engine.AddAsync("road.txt", "Roads", "Some tomatoes fell on the road. Engines burn fuel.");
        await engine.AddAsync("other.txt", "Other", "Nothing relevant is written here.");

        IReadOnlyList<(long DocumentId, double Score)> ranked = await engine.Quotes.RankDocumentsAsync("tomatoes and water", 10, CancellationToken.None);

        Assert.Equal([garden, road], ranked.Select(r => r.DocumentId));
        Assert.True(ranked[0].Score > ranked[1].Score);
    }

    [Fact]
    public async Task RankDocumentsAsync_Embedding_MeaningWithoutSharedWordsStillRanked()
    {
        TestEngine engine = TestEngine.WithEmbeddings(fixture.Embedder);
        long pets = await engine.AddAsync("pets.txt", "Pets", "Dogs and cats are popular companions at home.");
        long money = await engine.AddAsync("money.txt", "Money", "Interest rates rose again this quarter.");

        IReadOnlyList<(long DocumentId, double Score)> ranked = await engine.Quotes.RankDocumentsAsync("puppies and kittens", 10, CancellationToken.None);
        IReadOnlyList<(long DocumentId, double Score)> again = await engine.Quotes.RankDocumentsAsync("puppies and kittens", 10, CancellationToken.None);

        Assert.Equal(pets, ranked[0].DocumentId);
        Assert.Contains(money, ranked.Select(r => r.DocumentId));
        Assert.Equal(ranked, again);
    }
}
