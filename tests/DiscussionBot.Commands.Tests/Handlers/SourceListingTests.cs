using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Moq;

namespace DiscussionBot.Commands.Tests.Handlers;

/// <summary>Ambiguous source names offer their candidates; /sources pages through every document.</summary>
public sealed class SourceListingTests : IDisposable
{
    private readonly RouterFixture _fixture = new(seeded: false);

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Summary_SourceMatchingFourTitles_ListsThemWithOneButtonEach()
    {
        await AddDocumentsAsync("Blair speaks", "Blair resigns", "Blair returns", "Blair writes", "Brown speaks");

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("summary", ("source", "blair"), ("length", "medium")), CancellationToken.None);

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Contains("“blair” matches 4 sources. Pick one:", response.Data.Content, StringComparison.Ordinal);
        MessageComponent[] buttons = response.Data.Components!.Single().Components!.ToArray();
        Assert.Equal(["Blair resigns", "Blair returns", "Blair speaks", "Blair writes"], buttons.Select(b => b.Label));
        long resigns = await IdOfAsync("Blair resigns");
        Assert.Equal($"pick:{resigns}:summary:length=medium", buttons[0].CustomId);
        _fixture.Summaries.Verify(e => e.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PickButton_RunsTheCommandOnTheChosenSourceWithItsOtherOptions()
    {
        await AddDocumentsAsync("Blair speaks", "Blair resigns");
        long id = await IdOfAsync("Blair resigns");
        _fixture.Summaries.Setup(e => e.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(id, "Blair resigns", SummaryLength.Medium, [], 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Button($"pick:{id}:summary:length=medium"), CancellationToken.None);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal("Summary: Blair resigns", response.Data!.Embeds!.Single().Title);
    }

    [Fact]
    public async Task PickButton_QuoteQueryWithColonsAndAmpersands_ReachesTheCommandIntact()
    {
        await AddDocumentsAsync("Blair speaks", "Blair resigns");
        long id = await IdOfAsync("Blair speaks");
        const string Query = "war: costs & gains";
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult(Query, []));
        InteractionResponse choice = await _fixture.Router.HandleAsync(
            Interactions.Command("quote", ("query", Query), ("source", "Blair")), CancellationToken.None);
        string customId = choice.Data!.Components!.Single().Components!.Single(b => b.Label == "Blair speaks").CustomId!;

        await _fixture.Router.HandleAsync(Interactions.Button(customId), CancellationToken.None);

        _fixture.Quotes.Verify(e => e.FindQuotesAsync(
            It.Is<QuoteRequest>(r => r.Query == Query && r.DocumentId == id), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Quote_AmbiguousSourceWithQueryTooLongForAButton_ListsIdsWithoutButtons()
    {
        await AddDocumentsAsync("Blair speaks", "Blair resigns");

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("quote", ("query", new string('q', 120)), ("source", "Blair")), CancellationToken.None);

        Assert.Null(response.Data!.Components);
        Assert.Contains($"`source:{await IdOfAsync("Blair speaks")}`", response.Data.Content, StringComparison.Ordinal);
        Assert.Contains("Run the command again", response.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Themes_SourceMatchingTwelveTitles_ListsTenAndCountsTheRest()
    {
        await AddDocumentsAsync(Enumerable.Range(1, 12).Select(i => $"Report {i:00} on grain").ToArray());

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("themes", ("source", "grain")), CancellationToken.None);

        Assert.Null(response.Data!.Components);
        Assert.Contains("matches 12 sources", response.Data.Content, StringComparison.Ordinal);
        Assert.Contains("…and 2 more", response.Data.Content, StringComparison.Ordinal);
        Assert.Equal(10, response.Data.Content!.Split('\n').Count(l => l.StartsWith('•')));
    }

    [Fact]
    public async Task Summary_SourceMatchingNothing_StillSaysNoSourceMatches()
    {
        await AddDocumentsAsync("Blair speaks", "Blair resigns");

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("summary", ("source", "zebra")), CancellationToken.None);

        Assert.Contains("No source matches", response.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_TwentyThreeDocuments_PagesOfTenWithPreviousAndNext()
    {
        await AddDocumentsAsync(Enumerable.Range(1, 23).Select(i => $"Story {i:00}").ToArray());

        InteractionResponse first = await _fixture.Router.HandleAsync(Interactions.Command("sources"), CancellationToken.None);
        InteractionResponse last = await _fixture.Router.HandleAsync(Interactions.Button("sources:2"), CancellationToken.None);

        Embed firstPage = first.Data!.Embeds!.Single();
        Assert.Equal("Sources (23)", firstPage.Title);
        Assert.Contains("Story 01", firstPage.Description, StringComparison.Ordinal);
        Assert.Contains("Story 10", firstPage.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("Story 11", firstPage.Description, StringComparison.Ordinal);
        Assert.StartsWith("Page 1 of 3", firstPage.Footer!.Text, StringComparison.Ordinal);
        MessageComponent[] buttons = first.Data.Components!.Single().Components!.ToArray();
        Assert.Equal([("Previous", "sources:0", (bool?)true), ("Next", "sources:1", null)], buttons.Select(b => (b.Label!, b.CustomId!, b.Disabled)));

        Assert.Equal(InteractionCallbackType.UpdateMessage, last.Type);
        Embed lastPage = last.Data!.Embeds!.Single();
        Assert.Contains("Story 21", lastPage.Description, StringComparison.Ordinal);
        Assert.Contains("Story 23", lastPage.Description, StringComparison.Ordinal);
        Assert.StartsWith("Page 3 of 3", lastPage.Footer!.Text, StringComparison.Ordinal);
        Assert.True(last.Data.Components!.Single().Components!.Single(b => b.Label == "Next").Disabled);
    }

    [Fact]
    public async Task SourcesButton_PagePastTheEndAfterRemoval_ShowsLastPage()
    {
        await AddDocumentsAsync(Enumerable.Range(1, 12).Select(i => $"Story {i:00}").ToArray());

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button("sources:7"), CancellationToken.None);

        Assert.StartsWith("Page 2 of 2", response.Data!.Embeds!.Single().Footer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_FewDocuments_NoPageButtons()
    {
        await AddDocumentsAsync("Only story");

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("sources"), CancellationToken.None);

        Assert.Null(response.Data!.Components);
    }

    private async Task AddDocumentsAsync(params string[] titles)
    {
        IncomingDocument[] documents = titles
            .Select(t => (Title: t, Text: $"{t} was in the news today. Readers discussed {t} at length."))
            .Select(d => new IncomingDocument($"{d.Title}.txt", d.Title, d.Text, SourceFileReader.HashText(d.Text)))
            .ToArray();
        await _fixture.Store.Ingestion.IngestAsync(documents, CancellationToken.None);
    }

    private async Task<long> IdOfAsync(string title) =>
        (await _fixture.Store.Store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.Title == title).Id;
}
