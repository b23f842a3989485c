using System.Text.Json;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Moq;

namespace DiscussionBot.Commands.Tests.Pipeline;

public sealed class InteractionRouterTests : IDisposable
{
    private readonly RouterFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task HandleAsync_Ping_ReturnsPong()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(new Interaction { Type = InteractionType.Ping }, CancellationToken.None);

        Assert.Equal(InteractionCallbackType.Pong, response.Type);
    }

    [Fact]
    public async Task HandleAsync_UnknownCommand_PoliteEphemeral()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("frobnicate"), CancellationToken.None);

        AssertEphemeral(response, "/frobnicate");
        Assert.Contains("/help", response.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_UnknownOption_NamesKnownOptions()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote", ("colour", "red")), CancellationToken.None);

        AssertEphemeral(response, "colour");
        Assert.Contains("`query`", response.Data!.Content, StringComparison.Ordinal);
        _fixture.Quotes.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task HandleAsync_MissingRequiredOption_SaysWhichWithExample()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("quote"), CancellationToken.None);

        AssertEphemeral(response, "`query`");
        Assert.Contains("/quote query:", response.Data!.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HandlerThrows_GenericEphemeralWithoutDetails()
    {
        _fixture.Summaries.Setup(e => e.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internal detail at Foo.Bar()"));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary"), CancellationToken.None);

        AssertEphemeral(response, "went wrong");
        Assert.DoesNotContain("secret", response.Data!.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_DocumentRemovedMeanwhile_SaysSo()
    {
        _fixture.Summaries.Setup(e => e.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DocumentNotFoundException(42));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Command("summary"), CancellationToken.None);

        AssertEphemeral(response, "no longer in the store");
    }

    [Fact]
    public async Task HandleAsync_AutocompleteSource_SuggestsMatchingTitles()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Autocomplete("summary", "source", "kim"), CancellationToken.None);

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, response.Type);
        ApplicationCommandOptionChoice choice = Assert.Single(response.Data!.Choices!);
        Assert.Equal(SeedDocuments.KimTitle, choice.Name);
    }

    [Fact]
    public async Task HandleAsync_AutocompleteNoMatch_EmptyChoices()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Autocomplete("quote", "source", "zzz-nothing"), CancellationToken.None);

        Assert.Empty(response.Data!.Choices!);
    }

    [Fact]
    public async Task HandleAsync_AutocompleteThemeEngineFails_EmptyChoicesNotError()
    {
        _fixture.Themes.Setup(e => e.FindThemesAsync(It.IsAny<long?>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk"));

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Autocomplete("theme", "name", "pro"), CancellationToken.None);

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, response.Type);
        Assert.Empty(response.Data!.Choices!);
    }

    [Fact]
    public async Task HandleAsync_AutocompleteManyThemes_AtMost25()
    {
        var themes = Enumerable.Range(0, 40).Select(i => new Theme($"theme {i}", ["x"], 0.1, [])).ToList();
        _fixture.Themes.Setup(e => e.FindThemesAsync(It.IsAny<long?>(), It.IsAny<DocumentScope>(), It.IsAny<CancellationToken>())).ReturnsAsync(themes);

        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Autocomplete("theme", "name", ""), CancellationToken.None);

        Assert.Equal(DiscordLimits.Choices, response.Data!.Choices!.Count);
    }

    [Fact]
    public async Task HandleAsync_UnknownButton_PoliteEphemeral()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button("gone:1:2"), CancellationToken.None);

        AssertEphemeral(response, "no longer");
    }

    [Fact]
    public async Task HandleAsync_MalformedSummaryButton_PoliteEphemeral()
    {
        InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Button("summary:x:Huge"), CancellationToken.None);

        AssertEphemeral(response, "older version");
    }

    [Fact]
    public void Definitions_AreValidForDiscord()
    {
        foreach (ApplicationCommand command in _fixture.Router.Definitions)
        {
            if (command.Type != ApplicationCommandType.ChatInput)
            {
                Assert.InRange(command.Name.Length, 1, 32);
                Assert.Empty(command.Description);
                Assert.Null(command.Options);
                continue;
            }

            Assert.Matches("^[-_a-z0-9]{1,32}$", command.Name);
            Assert.InRange(command.Description.Length, 1, 100);
            Assert.True((command.Options ?? []).Count <= 25);
            bool optionalSeen = false;
            foreach (ApplicationCommandOption option in command.Options ?? [])
            {
                Assert.Matches("^[-_a-z0-9]{1,32}$", option.Name);
                Assert.InRange(option.Description.Length, 1, 100);
                Assert.False(optionalSeen && option.Required == true, $"/{command.Name}: required options must come first");
                optionalSeen |= option.Required != true;
            }
        }
    }

    [Fact]
    public void Definitions_SerializeAsDiscordExpects()
    {
        string json = JsonSerializer.Serialize(_fixture.Router.Definitions, DiscordJsonContext.Default.IReadOnlyListApplicationCommand);
        using JsonDocument document = JsonDocument.Parse(json);

        JsonElement pin = document.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "pin-summary");
        Assert.Equal("2251799813685248", pin.GetProperty("default_member_permissions").GetString());
        JsonElement quote = document.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "quote");
        Assert.True(quote.GetProperty("options")[1].GetProperty("autocomplete").GetBoolean());
    }

    [Fact]
    public async Task HandleAsync_MemberPastBurst_CooldownNoticeThenOthersUnaffected()
    {
        var outcomes = new List<InteractionResponse>();
        for (int i = 0; i < 6; i++)
        {
            outcomes.Add(await _fixture.Router.HandleAsync(Interactions.Command("sources"), CancellationToken.None));
        }

        Assert.All(outcomes.Take(5), r => Assert.Null(r.Data!.Flags));
        AssertEphemeral(outcomes[5], "going a bit fast");
        Interaction other = Interactions.Command("sources") with
        {
            Member = Interactions.Command("sources").Member! with { User = new User { Id = new Snowflake(99), Username = "other" } },
        };
        Assert.Null((await _fixture.Router.HandleAsync(other, CancellationToken.None)).Data!.Flags);
    }

    [Fact]
    public async Task HandleAsync_AutocompleteNeverCooledDown()
    {
        for (int i = 0; i < 20; i++)
        {
            InteractionResponse response = await _fixture.Router.HandleAsync(Interactions.Autocomplete("summary", "source", "k"), CancellationToken.None);
            Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, response.Type);
        }
    }

    internal static void AssertEphemeral(InteractionResponse response, string expected)
    {
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Contains(expected, response.Data.Content, StringComparison.Ordinal);
        Assert.Empty(response.Data.AllowedMentions!.Parse);
    }
}
