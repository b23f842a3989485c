using DiscussionBot.Commands.Handlers;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Moq;

namespace DiscussionBot.Commands.Tests.Handlers;

public sealed class CommandHandlerTests : IDisposable
{
    private readonly RouterFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Summary_WholeStore_RendersCitedSentencesWithLengthButtons()
    {
        _fixture.Summaries.Setup(e => e.SummarizeAsync(new SummaryRequest(null, SummaryLength.Short), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(null, "All sources", SummaryLength.Short, [_fixture.Cite(0), _fixture.Cite(5)], 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary"), CancellationToken.None);

        Embed embed = Assert.Single(response.Data!.Embeds!);
        Assert.Contains("Kim Jong Un held a public commemoration", embed.Description, StringComparison.Ordinal);
        Assert.Contains($"{SeedDocuments.KimTitle}, ¶1)", embed.Description, StringComparison.Ordinal);
        Assert.Null(response.Data.Flags);
        string[] buttons = response.Data.Components!.Single().Components!.Select(b => b.CustomId!).ToArray();
        Assert.Equal(["summary:all:Medium"], buttons);
    }

    [Fact]
    public async Task Summary_OneSourceByTitleFragment_AsksEngineForThatDocument()
    {
        long id = _fixture.SeedDocument.Id;
        _fixture.Summaries.Setup(e => e.SummarizeAsync(new SummaryRequest(id, SummaryLength.Long), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(id, SeedDocuments.KimTitle, SummaryLength.Long, [_fixture.Cite(2)], 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("summary", ("source", "publicly mourns"), ("length", "LONG")), CancellationToken.None);

        Embed embed = Assert.Single(response.Data!.Embeds!);
        Assert.Equal($"Summary: {SeedDocuments.KimTitle}", embed.Title);
        Assert.Contains("*(¶1)*", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_BadLength_ListsChoices()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary", ("length", "enormous")), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "`short`, `medium`, `long`");
    }

    [Fact]
    public async Task Summary_UnknownSource_SuggestsSources()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary", ("source", "The Times")), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "No source matches “The Times”");
        _fixture.Summaries.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Summary_LongerButton_UpdatesSameMessage()
    {
        long id = _fixture.SeedDocument.Id;
        _fixture.Summaries.Setup(e => e.SummarizeAsync(new SummaryRequest(id, SummaryLength.Medium), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(id, SeedDocuments.KimTitle, SummaryLength.Medium, [_fixture.Cite(0), _fixture.Cite(1)], 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button($"summary:{id}:Medium"), CancellationToken.None);

        Assert.Equal(InteractionCallbackType.UpdateMessage, response.Type);
        string[] buttons = response.Data!.Components!.Single().Components!.Select(b => b.CustomId!).ToArray();
        Assert.Equal([$"summary:{id}:Short", $"summary:{id}:Long"], buttons);
    }

    [Fact]
    public async Task Summary_ManyLongSentences_StaysWithinEmbedLimits()
    {
        CitedSentence longSentence = _fixture.Cite(0) with { Text = new string('a', 900) };
        _fixture.Summaries.Setup(e => e.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Summary(null, "All", SummaryLength.Long, Enumerable.Repeat(longSentence, 12).ToList(), 1));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary"), CancellationToken.None);

        Embed embed = Assert.Single(response.Data!.Embeds!);
        Assert.True(embed.Description!.Length <= DiscordLimits.EmbedDescriptionLength);
        Assert.True(ResponseLimits.CountCharacters(embed) <= DiscordLimits.EmbedTotalLength);
        Assert.Contains("left out", embed.Footer!.Text, StringComparison.Ordinal);
        // Whole sentences only: nothing is cut mid-quote.
        Assert.DoesNotContain(DiscordText.Ellipsis, embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_Found_ShowsVerbatimPassagesWithCitations()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("cannon fodder", [new QuoteMatch(_fixture.Cite(12), 0.9)]));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", "cannon fodder")), CancellationToken.None);

        EmbedField field = Assert.Single(response.Data!.Embeds!.Single().Fields!);
        Assert.Equal($"1. {SeedDocuments.KimTitle}, ¶{_fixture.Cite(12).Citation.ParagraphNumber}", field.Name);
        Assert.Equal("> " + _fixture.Cite(12).Text, field.Value);
    }

    [Fact]
    public async Task Quote_NotCovered_SaysSoPlainly()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("quantum chromodynamics", []));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", "quantum chromodynamics")), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal("Not in the sources", embed.Title);
        Assert.Contains("quantum chromodynamics", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_ClosestOnly_ShowsPassagesSayingNoneAnswersDirectly()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("expensive jewelry", [new QuoteMatch(_fixture.Cite(12), 0.4)], QuoteVerdict.ClosestOnly));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", "expensive jewelry")), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Contains("None of these answers “expensive jewelry” directly", embed.Description, StringComparison.Ordinal);
        Assert.Equal("> " + _fixture.Cite(12).Text, Assert.Single(embed.Fields!).Value);

        // the More button still reads the query back from the title
        Assert.Equal("expensive jewelry", QuoteButtons.QueryOf(new Message { Embeds = [embed] }));
    }

    [Fact]
    public async Task Quote_OtherLanguage_AsksForTheSourcesLanguage()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("что сказал Путин", [], QuoteVerdict.OtherLanguage));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", "что сказал Путин")), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal("Please ask in the sources' language", embed.Title);
        Assert.Contains("English", embed.Description, StringComparison.Ordinal);
        Assert.Null(embed.Fields);
    }

    [Fact]
    public async Task Quote_OverlongQueryAndCount_CappedWithNotices()
    {
        QuoteRequest? seen = null;
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .Callback<QuoteRequest, DocumentScope, CancellationToken>((r, _, _) => seen = r)
            .ReturnsAsync((QuoteRequest r, DocumentScope _, CancellationToken _) => new QuoteResult(r.Query, []));

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("quote", ("query", new string('q', 5000)), ("count", 50)), CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal(QuoteCountLimits.MaxQuery, seen.Query.Length);
        Assert.Equal(10, seen.Count);
        Assert.Contains("first 300", response.Data!.Content, StringComparison.Ordinal);
        Assert.Contains("from 1 to 10", response.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_CountNotANumber_PoliteRefusal()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Command("quote", ("query", "troops"), ("count", "lots")), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "whole number");
    }

    [Theory]
    [InlineData("\" OR 1=1 --")]
    [InlineData("NEAR(propaganda grief)")]
    [InlineData("'; DROP TABLE documents; --")]
    [InlineData("@everyone look <@&123>")]
    public async Task Quote_HostileQuery_PassedAsPlainTextAndNobodyPinged(string hostile)
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((QuoteRequest r, DocumentScope _, CancellationToken _) => new QuoteResult(r.Query, []));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", hostile)), CancellationToken.None);

        _fixture.Quotes.Verify(e => e.FindQuotesAsync(It.Is<QuoteRequest>(r => r.Query == hostile.Trim()), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()));
        Assert.Empty(response.Data!.AllowedMentions!.Parse);
        Assert.Single(await _fixture.Store.Store.ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Themes_RendersLabelsShareAndTerms()
    {
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new Theme("propaganda", ["propaganda", "regime’s image"], 0.3, [_fixture.Cite(6)]),
            new Theme("cannon fodder", ["expendability", "cannon fodder"], 0.2, [_fixture.Cite(12)]),
        ]);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("themes"), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal(["propaganda · 30% of the text", "cannon fodder · 20% of the text"], embed.Fields!.Select(f => f.Name));
        Assert.Equal("Key terms: propaganda, regime’s image", embed.Fields![0].Value);
    }

    [Fact]
    public async Task Theme_Known_ExplainsWithSentences()
    {
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(
            [new Theme("economic side of sending troops", ["money", "exchange for support"], 0.1, [_fixture.Cite(20)])]);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("theme", ("name", "Economic")), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal("Theme: economic side of sending troops", embed.Title);
        Assert.Contains(_fixture.Cite(20).Text, embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Theme_OtherSources_NamesThemAndSaysTheyShareNoTheme()
    {
        Theme other = new("Other sources", [], 0.1, [_fixture.Cite(0)])
        {
            Sources = [new ThemeSource(_fixture.SeedDocument.Id, _fixture.SeedDocument.Title), new ThemeSource(99, "Gallery unveils interactive tree")],
            IsOther = true,
        };
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(
            [new Theme("propaganda", ["propaganda"], 0.3, [_fixture.Cite(6)]), other]);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("theme", ("name", "Other sources")), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal("Other sources", embed.Title);
        Assert.StartsWith("These 2 sources fit none of the themes", embed.Description, StringComparison.Ordinal);
        Assert.Contains(_fixture.Cite(0).Text, embed.Description, StringComparison.Ordinal);
        Assert.Contains(_fixture.SeedDocument.Title, embed.Description, StringComparison.Ordinal); // the quote names its source
        Assert.DoesNotContain(embed.Fields!, f => f.Name.Contains("Key terms", StringComparison.Ordinal) || f.Value == "none");
        Assert.Contains("Gallery unveils interactive tree", embed.Fields!.Single(f => f.Name == "Sources (2)").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Theme_Unknown_ListsKnownThemes()
    {
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(
            [new Theme("propaganda", ["propaganda"], 0.3, [])]);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("theme", ("name", "gardening")), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "No theme called “gardening”");
        Assert.Contains("“propaganda”", response.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_ListsSeedWithSizes()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("sources"), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal("Sources (1)", embed.Title);
        Assert.Contains(SeedDocuments.KimTitle, embed.Description, StringComparison.Ordinal);
        Assert.Contains("paragraphs", embed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_EmptyStore_SaysHowToAdd()
    {
        using var empty = new RouterFixture(seeded: false);

        InteractionResponse response = await empty.Router.HandleAsync(Interactions.Command("sources"), CancellationToken.None);

        Assert.Contains("ingest", response.Data!.Embeds!.Single().Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandAndEngineMode()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("help"), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        foreach (string command in new[] { "/summary", "/themes", "/theme", "/quote", "/sources", "/pin-summary" })
        {
            Assert.Contains(embed.Fields!, f => f.Name == command);
        }

        Assert.Contains("lexical-only", embed.Footer!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PinSummary_MemberWithoutPinPermission_RefusedAndNothingPosted()
    {
        const string sendOnly = "2048";

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("pin-summary", sendOnly), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "Only moderators");
        _fixture.Summaries.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("2251799813685248")] // PIN_MESSAGES
    [InlineData("8192")] // MANAGE_MESSAGES
    [InlineData("8")] // ADMINISTRATOR
    public async Task PinSummary_ModeratorInConsole_SaysPinningNeedsDiscord(string permissions)
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("pin-summary", permissions), CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "Pinning needs Discord");
    }

    [Fact]
    public async Task PinSummary_InDirectMessage_Refused()
    {
        Interaction dm = Interactions.Command("pin-summary") with { Member = null, GuildId = null, User = new User { Username = "x" } };

        InteractionResponse response = await _fixture.Router.HandleAsync(dm, CancellationToken.None);

        Pipeline.InteractionRouterTests.AssertEphemeral(response, "Only moderators");
    }
}

internal static class QuoteCountLimits
{
    public const int MaxQuery = 300;
}
