using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Core.Tests.Ingestion;

public sealed class DocumentWritePlanTests
{
    private const ulong GuildA = 111;
    private const ulong GuildB = 222;
    private static readonly IReadOnlyDictionary<ulong, GuildUsage> NoUsage = new Dictionary<ulong, GuildUsage>();

    [Fact]
    public void Create_NewKnownAndRepeatedText_InsertsReplacesKeepingTheIdAndReportsTheDuplicate()
    {
        StoredDocumentRow harbour = Row(7, "harbour.txt", "old text", guild: null);

        DocumentWritePlan plan = DocumentWritePlan.Create(
            [Operator("council.txt", "council"), Operator("harbour.txt", "new harbour"), Operator("copy.txt", "council")], [harbour], NoUsage, limits: null);

        Assert.Equal([(string?)"council.txt", "harbour.txt"], plan.Steps.Select(s => (string?)s.Document.Source.SourceName));
        Assert.Equal([null, 7L], plan.Steps.Select(s => s.ReplacesId));
        Assert.Equal(new DuplicateSource("copy.txt", "council.txt"), Assert.Single(plan.Duplicates));
        IngestionReport report = plan.Report(["same.txt"]);
        Assert.Equal(["council.txt"], report.Added);
        Assert.Equal(["harbour.txt"], report.Updated);
        Assert.Equal(["same.txt"], report.Unchanged);
    }

    [Fact]
    public void Create_SameTextStoredInAnotherServer_NotADuplicateForThisServerNorForTheOperator()
    {
        StoredDocumentRow inB = Row(3, "guild/222/b", "shared", GuildB);

        DocumentWritePlan plan = DocumentWritePlan.Create([FromGuild(GuildA, "a", "shared"), Operator("op.txt", "shared")], [inB], NoUsage, limits: null);

        Assert.Equal(2, plan.Steps.Count);
        Assert.Empty(plan.Duplicates);
    }

    [Fact]
    public void Create_ServerCopyOfTheOperatorsText_DuplicateOfTheOperatorsDocument()
    {
        DocumentWritePlan plan = DocumentWritePlan.Create([FromGuild(GuildA, "a", "seed text")], [Row(1, "seed.txt", "seed text", null)], NoUsage, limits: null);

        Assert.False(plan.ChangesStore);
        Assert.Equal("seed.txt", Assert.Single(plan.Duplicates).SameAs);
    }

    [Fact]
    public void Create_KeyOfAnotherOwnersDocument_Refused()
    {
        Assert.Throws<InvalidOperationException>(() =>
            DocumentWritePlan.Create([Operator("guild/111/a", "taken")], [Row(1, "guild/111/a", "theirs", GuildA)], NoUsage, limits: null));
    }

    [Fact]
    public void Create_ServerAtItsDocumentLimit_NewDocumentRefusedButReplacementAllowed()
    {
        var limits = new GuildSourceLimits { MaxDocumentsPerGuild = 1 };
        StoredDocumentRow stored = Row(1, "guild/111/a", "abc", GuildA);
        var usage = new Dictionary<ulong, GuildUsage> { [GuildA] = new(1, 3) };

        SourceLimitException refused = Assert.Throws<SourceLimitException>(() =>
            DocumentWritePlan.Create([FromGuild(GuildA, "b", "new")], [stored], usage, limits));
        DocumentWritePlan replacing = DocumentWritePlan.Create([FromGuild(GuildA, "a", "replacement")], [stored], usage, limits);

        Assert.Contains("MaxDocumentsPerGuild", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1L, Assert.Single(replacing.Steps).ReplacesId);
    }

    [Fact]
    public void Create_CharacterLimit_CountsTheWholeCallAndOnlyTheGrowthOfAReplacement()
    {
        var limits = new GuildSourceLimits { MaxCharactersPerGuild = 10 };
        StoredDocumentRow stored = Row(1, "guild/111/a", "12345678", GuildA);
        var usage = new Dictionary<ulong, GuildUsage> { [GuildA] = new(1, 8) };

        DocumentWritePlan shrinkAndAdd = DocumentWritePlan.Create([FromGuild(GuildA, "a", "1234"), FromGuild(GuildA, "b", "123456")], [stored], usage, limits);
        SourceLimitException refused = Assert.Throws<SourceLimitException>(() =>
            DocumentWritePlan.Create([FromGuild(GuildA, "b", "12"), FromGuild(GuildA, "c", "3")], [stored], usage, limits));

        Assert.Equal(2, shrinkAndAdd.Steps.Count);
        Assert.Contains("11 characters", refused.Message, StringComparison.Ordinal);
    }

    private static StoredDocumentRow Row(long id, string key, string text, ulong? guild) => new(id, key, SourceFileReader.HashText(text), guild, text.Length);

    private static PreparedDocument Operator(string key, string text) => Prepared(new IncomingDocument(key, key, text, SourceFileReader.HashText(text)));

    private static PreparedDocument FromGuild(ulong guild, string id, string text) =>
        Prepared(new IncomingDocument($"guild/{guild}/{id}", id, text, SourceFileReader.HashText(text)) { Owner = new DocumentOwner(guild, 42, "mod", null) });

    private static PreparedDocument Prepared(IncomingDocument source) =>
        new(source, new Segmentation([], []), DocumentAnalysis.Empty(0), "fingerprint");
}
