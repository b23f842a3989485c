using DiscussionBot.Commands.Handlers;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Pins;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static DiscussionBot.Commands.Tests.Pipeline.InteractionRouterTests;

namespace DiscussionBot.Commands.Tests.Handlers;

public sealed class ModeratorCommandTests : IDisposable
{
    private readonly Mock<IPinningService> _pinning = new();
    private readonly RouterFixture _fixture;

    public ModeratorCommandTests()
    {
        _pinning.SetupGet(p => p.CanPin).Returns(true);
        _fixture = new RouterFixture(configure: s => s.AddSingleton(_pinning.Object));
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Summary_WhenPinningAvailable_OffersPinButton()
    {
        _fixture.Summaries.Setup(e => e.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(null, "All", SummaryLength.Short, [_fixture.Cite(0)], 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary"), CancellationToken.None);

        Assert.Contains("pin:all:Short", response.Data!.Components!.Single().Components!.Select(b => b.CustomId));
    }

    [Fact]
    public async Task PinButton_NonModerator_RefusedWithoutPinning()
    {
        Interaction click = Interactions.Button("pin:all:Short") with
        {
            Member = new GuildMember { User = new User { Id = new Snowflake(5), Username = "m" }, Permissions = "2048" },
        };

        InteractionResponse response = await _fixture.Router.HandleAsync(click, CancellationToken.None);

        AssertEphemeral(response, "Only moderators");
        _pinning.Verify(p => p.PinSummaryMessageAsync(It.IsAny<Interaction>(), It.IsAny<long?>(), It.IsAny<SummaryLength>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PinButton_Moderator_PinsThatMessage()
    {
        long id = _fixture.SeedDocument.Id;
        _pinning.Setup(p => p.PinSummaryMessageAsync(It.IsAny<Interaction>(), id, SummaryLength.Medium, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DiscussionBot.Commands.Rendering.Responses.Ephemeral("Pinned."));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button($"pin:{id}:Medium"), CancellationToken.None);

        AssertEphemeral(response, "Pinned.");
    }

    [Fact]
    public async Task PinSummary_Moderator_DelegatesWithChosenSourceAndLength()
    {
        DocumentInfo seed = _fixture.SeedDocument;
        _pinning.Setup(p => p.PostAndPinSummaryAsync(It.IsAny<Interaction>(), seed, SummaryLength.Long, It.IsAny<CancellationToken>()))
            .ReturnsAsync(DiscussionBot.Commands.Rendering.Responses.Ephemeral("Posted and pinned."));

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("pin-summary", "2251799813685248", ("source", "Kim Jong Un"), ("length", "long")), CancellationToken.None);

        AssertEphemeral(response, "Posted and pinned.");
    }

    [Fact]
    public async Task Pins_NonModerator_Refused()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("pins", "2048"), CancellationToken.None);

        AssertEphemeral(response, "Only moderators");
    }

    [Fact]
    public async Task Pins_ListsPinsMarkingStaleOnes()
    {
        DocumentInfo seed = _fixture.SeedDocument;
        ulong guild = Interactions.Command("pins").GuildId!.Value.Value;
        DateTimeOffset at = _fixture.Store.Time.GetUtcNow();
        await _fixture.Ledger.RecordAsync(new PinRecord(guild, 1, 100, 2, "Alice", seed.Title, "short", [new PinnedSource(seed.Id, seed.Title, seed.ContentHash)], at), CancellationToken.None);
        await _fixture.Ledger.RecordAsync(new PinRecord(guild, 1, 101, 2, "Alice", "all sources", "long", [new PinnedSource(seed.Id, seed.Title, "old-hash")], at.AddMinutes(1)), CancellationToken.None);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("pins"), CancellationToken.None);

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        EmbedField[] fields = [.. response.Data.Embeds!.Single().Fields!];
        Assert.Equal(2, fields.Length);
        Assert.StartsWith("⚠️ stale", fields[0].Value, StringComparison.Ordinal);
        Assert.StartsWith("✅ up to date", fields[1].Value, StringComparison.Ordinal);
        Assert.Contains($"/{guild}/1/100)", fields[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindInSources_SearchesTheSelectedMessageText()
    {
        const string selected = "They are just cannon fodder for the regime";
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.Is<QuoteRequest>(r => r.Query == selected), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult(selected, [new QuoteMatch(_fixture.Cite(12), 1)]));

        InteractionResponse response = await _fixture.Router.HandleAsync(MessageCommand(selected), CancellationToken.None);

        Assert.Equal("> " + _fixture.Cite(12).Text, response.Data!.Embeds!.Single().Fields!.Single().Value);
    }

    [Fact]
    public async Task FindInSources_MessageWithoutText_PoliteRefusal()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(MessageCommand("   "), CancellationToken.None);

        AssertEphemeral(response, "no text");
    }

    private static Interaction MessageCommand(string content)
    {
        var target = new Snowflake(1088165451650314270);
        return Interactions.Command(FindInSourcesCommand.CommandName) with
        {
            Data = new InteractionData
            {
                Name = FindInSourcesCommand.CommandName,
                Type = ApplicationCommandType.Message,
                TargetId = target,
                Resolved = new ResolvedData
                {
                    Messages = new Dictionary<string, Message> { [target.ToString()] = new() { Id = target, Content = content } },
                },
            },
        };
    }
}
