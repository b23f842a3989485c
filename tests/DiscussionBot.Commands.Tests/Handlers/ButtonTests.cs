using DiscussionBot.Commands.Handlers;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Moq;
using static DiscussionBot.Commands.Tests.Pipeline.InteractionRouterTests;

namespace DiscussionBot.Commands.Tests.Handlers;

public sealed class ButtonTests : IDisposable
{
    private readonly RouterFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Quote_Answer_OffersContextPerPassageAndMore()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("troops", [new QuoteMatch(_fixture.Cite(3), 2), new QuoteMatch(_fixture.Cite(12), 1)]));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("query", "troops"), ("count", 2)), CancellationToken.None);

        string[] ids = response.Data!.Components!.Single().Components!.Select(b => b.CustomId!).ToArray();
        long doc = _fixture.SeedDocument.Id;
        Assert.Equal([$"context:{doc}:3", $"context:{doc}:12", "more:all:4"], ids);
    }

    [Fact]
    public async Task ContextButton_ShowsWholeParagraphWithSentenceInBold()
    {
        CitedSentence cited = _fixture.Cite(12);

        InteractionResponse response = await _fixture.Router.HandleAsync(
            Interactions.Button($"context:{_fixture.SeedDocument.Id}:12"), CancellationToken.None);

        Embed embed = response.Data!.Embeds!.Single();
        Assert.Equal(MessageFlags.Ephemeral, response.Data.Flags);
        Assert.Equal($"{SeedDocuments.KimTitle}, ¶{cited.Citation.ParagraphNumber}", embed.Title);
        Assert.Contains($"**{cited.Text}**", embed.Description, StringComparison.Ordinal);
        Core.Documents.SourceDocument document = (await _fixture.Store.Store.GetDocumentAsync(_fixture.SeedDocument.Id, CancellationToken.None))!;
        Core.Documents.Paragraph paragraph = document.Paragraphs.Single(p => p.Number == cited.Citation.ParagraphNumber);
        Assert.Equal(document.Text.Substring(paragraph.Start, paragraph.Length), embed.Description!.Replace("**", string.Empty, StringComparison.Ordinal));
        Assert.True(paragraph.Length > cited.Text.Length);
    }

    [Theory]
    [InlineData("context:1:99999")]
    [InlineData("context:abc:1")]
    [InlineData("context:1")]
    public async Task ContextButton_UnknownOrMalformed_PoliteEphemeral(string customId)
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button(customId), CancellationToken.None);

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Null(response.Data.Embeds);
    }

    [Fact]
    public async Task MoreButton_RerunsQueryFromMessageWithMorePassages()
    {
        _fixture.Quotes.Setup(e => e.FindQuotesAsync(new QuoteRequest("why send troops", null, 6), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new QuoteResult("why send troops", [new QuoteMatch(_fixture.Cite(20), 1)]));
        Interaction click = Interactions.Button("more:all:6") with
        {
            Message = new Message { Embeds = [new Embed { Title = "Passages for “why send troops”" }] },
        };

        InteractionResponse response = await _fixture.Router.HandleAsync(click, CancellationToken.None);

        Assert.Equal(InteractionCallbackType.UpdateMessage, response.Type);
        Assert.Contains(_fixture.Cite(20).Text, response.Data!.Embeds!.Single().Fields!.Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Themes_Answer_OffersExplainButtons_ThatExplainTheTheme()
    {
        Theme[] themes =
        [
            new("Propaganda", ["propaganda"], 0.3, [_fixture.Cite(6)]),
            new("Expendability", ["cannon fodder"], 0.2, [_fixture.Cite(12)]),
        ];
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(themes);

        InteractionResponse list = await _fixture.Router.HandleAsync(Interactions.Command("themes"), CancellationToken.None);
        string second = list.Data!.Components!.Single().Components![1].CustomId!;
        InteractionResponse explained = await _fixture.Router.HandleAsync(Interactions.Button(second), CancellationToken.None);

        long revision = await new ScopeDocumentVersions(_fixture.Store.Store).GetAsync(InteractionScope.Of(Interactions.Command("themes")), CancellationToken.None);
        Assert.Equal($"explain:all:{themes[1].Id}:{revision}", second);
        Assert.Equal("Theme: Expendability", explained.Data!.Embeds!.Single().Title);
    }

    [Fact]
    public async Task ExplainButton_SourcesChangedAndThemeGone_SaysTheListIsOutdated()
    {
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        long revision = await new ScopeDocumentVersions(_fixture.Store.Store).GetAsync(InteractionScope.Of(Interactions.Command("themes")), CancellationToken.None);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button($"explain:all:abc123:{revision - 1}"), CancellationToken.None);

        AssertEphemeral(response, "sources changed");
    }

    [Fact]
    public async Task ExplainButton_SourcesChangedButThemeStillThere_ExplainsItWithANotice()
    {
        Theme theme = new("Propaganda", ["propaganda"], 0.3, [_fixture.Cite(6)]);
        _fixture.Themes.Setup(e => e.FindThemesAsync(null, It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync([theme]);
        long revision = await new ScopeDocumentVersions(_fixture.Store.Store).GetAsync(InteractionScope.Of(Interactions.Command("themes")), CancellationToken.None);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button($"explain:all:{theme.Id}:{revision - 1}"), CancellationToken.None);

        Assert.Equal("Theme: Propaganda", response.Data!.Embeds!.Single().Title);
        Assert.Contains("sources changed", response.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExplainButton_OlderFormat_SaysItIsFromAnOlderVersion()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button("explain:all:3"), CancellationToken.None);

        AssertEphemeral(response, "older version");
    }
}
