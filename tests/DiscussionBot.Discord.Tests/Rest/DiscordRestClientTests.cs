using System.Net;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private static readonly Snowflake Channel = new(645027906669510667);
    private static readonly Snowflake MessageId = new(1000000000000000001);

    [Fact]
    public async Task CreateMessageAsync_Always_SendsBotAuthUserAgentAndJsonContentType()
    {
        await using RestHarness h = await RestHarness.StartAsync();

        Message message = await h.Client.CreateMessageAsync(Channel, new InteractionCallbackData { Content = "hello", AllowedMentions = AllowedMentions.None }, CancellationToken.None);

        RecordedRequest request = Assert.Single(h.Discord.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/channels/{Channel}/messages", request.Path);
        Assert.Equal("Bot " + RestHarness.BotToken, request.Header("Authorization"));
        Assert.Equal("DiscordBot (https://example.test/bot, 9.9.9)", request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", request.Body);
        Assert.Equal("hello", message.Content);
        Assert.Equal(Channel, message.ChannelId);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_Callback_PostsWithoutBotTokenToCallbackRoute()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");

        await h.Client.CreateInteractionResponseAsync(
            interaction,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "answer" }),
            CancellationToken.None);

        RecordedRequest request = Assert.Single(h.Discord.Requests);
        Assert.Equal($"/interactions/{interaction.Id}/{interaction.Token}/callback", request.Path);
        Assert.Null(request.Header("Authorization"));
        Assert.NotNull(request.Header("User-Agent"));
        Assert.Equal("""{"type":4,"data":{"content":"answer"}}""", request.Body);
    }

    [Fact]
    public async Task CreateInteractionResponseWithResultAsync_WithResponse_ReturnsCreatedMessage()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");

        InteractionCallbackResponse result = await h.Client.CreateInteractionResponseWithResultAsync(
            interaction,
            new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "hi" }),
            CancellationToken.None);

        Assert.Equal("?with_response=true", h.Discord.Requests[0].Query);
        Assert.Equal(interaction.Id, result.Interaction!.Id);
        Assert.Equal("hi", result.Resource!.Message!.Content);
    }

    [Fact]
    public async Task EditOriginalResponseAsync_AfterDefer_PatchesOriginal()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        await h.Client.CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);

        Message edited = await h.Client.EditOriginalResponseAsync(interaction, new InteractionCallbackData { Content = "done" }, CancellationToken.None);
        Message fetched = await h.Client.GetOriginalResponseAsync(interaction, CancellationToken.None);

        RecordedRequest patch = h.Discord.Requests[1];
        Assert.Equal("PATCH", patch.Method);
        Assert.Equal($"/webhooks/{interaction.ApplicationId}/{interaction.Token}/messages/@original", patch.Path);
        Assert.Null(patch.Header("Authorization"));
        Assert.Equal("done", edited.Content);
        Assert.Equal("done", fetched.Content);
    }

    [Fact]
    public async Task CreateFollowupMessageAsync_Always_PostsToWebhook()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");

        Message followup = await h.Client.CreateFollowupMessageAsync(interaction, new InteractionCallbackData { Content = "more", Flags = MessageFlags.Ephemeral }, CancellationToken.None);

        RecordedRequest request = Assert.Single(h.Discord.Requests);
        Assert.Equal($"/webhooks/{interaction.ApplicationId}/{interaction.Token}", request.Path);
        Assert.Contains("\"flags\":64", request.Body);
        Assert.Equal("more", followup.Content);
    }

    [Fact]
    public async Task BulkOverwriteCommandsAsync_GlobalAndGuild_PutsListAndReadsIdsBack()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        ApplicationCommand[] commands =
        [
            new() { Name = "ask", Description = "Ask a question" },
            new() { Name = "Quote this", Type = ApplicationCommandType.Message },
        ];
        DiscordApplication app = await h.Client.GetCurrentApplicationAsync(CancellationToken.None);

        IReadOnlyList<ApplicationCommand> global = await h.Client.BulkOverwriteGlobalCommandsAsync(app.Id, commands, CancellationToken.None);
        IReadOnlyList<ApplicationCommand> guild = await h.Client.BulkOverwriteGuildCommandsAsync(app.Id, FakeInteractions.GuildId, commands, CancellationToken.None);
        IReadOnlyList<ApplicationCommand> listed = await h.Client.GetGlobalCommandsAsync(app.Id, CancellationToken.None);
        IReadOnlyList<ApplicationCommand> listedGuild = await h.Client.GetGuildCommandsAsync(app.Id, FakeInteractions.GuildId, CancellationToken.None);

        Assert.Equal(h.Discord.ApplicationId, app.Id);
        Assert.Equal("PUT", h.Discord.Requests[1].Method);
        Assert.Equal($"/applications/{app.Id}/commands", h.Discord.Requests[1].Path);
        Assert.Equal($"/applications/{app.Id}/guilds/{FakeInteractions.GuildId}/commands", h.Discord.Requests[2].Path);
        Assert.DoesNotContain("\"id\"", h.Discord.Requests[1].Body);
        Assert.All(global, c => Assert.NotNull(c.Id));
        Assert.Equal(["ask", "Quote this"], listed.Select(c => c.Name));
        Assert.Equal(2, guild.Count);
        Assert.Equal(2, listedGuild.Count);
    }

    [Fact]
    public async Task PinMessageAsync_WithReason_PutsPinRouteWithEncodedAuditHeader()
    {
        await using RestHarness h = await RestHarness.StartAsync();

        await h.Client.PinMessageAsync(Channel, MessageId, "Pinned by /pin: Ünïcode & spaces", CancellationToken.None);
        await h.Client.UnpinMessageAsync(Channel, MessageId, null, CancellationToken.None);

        RecordedRequest pin = h.Discord.Requests[0];
        Assert.Equal("PUT", pin.Method);
        Assert.Equal($"/channels/{Channel}/messages/pins/{MessageId}", pin.Path);
        Assert.Equal(Uri.EscapeDataString("Pinned by /pin: Ünïcode & spaces"), pin.Header("X-Audit-Log-Reason"));
        Assert.Equal("Bot " + RestHarness.BotToken, pin.Header("Authorization"));
        RecordedRequest unpin = h.Discord.Requests[1];
        Assert.Equal("DELETE", unpin.Method);
        Assert.Equal(pin.Path, unpin.Path);
        Assert.Null(unpin.Header("X-Audit-Log-Reason"));
        Assert.Equal(0, h.Rest.PinCount(Channel.Value));
    }

    [Fact]
    public void EncodeAuditLogReason_LongText_StaysWithin512EncodedCharacters()
    {
        string encoded = DiscordRestClient.EncodeAuditLogReason(new string('é', 600));

        Assert.True(encoded.Length <= 512);
        Assert.Equal(0, encoded.Length % 6); // whole "%C3%A9" sequences only
    }

    [Fact]
    public async Task PinMessageAsync_At250Pins_ThrowsPinLimitError()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.SetPinCount(Channel.Value, 250);

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.PinMessageAsync(Channel, MessageId, "pin", CancellationToken.None));

        Assert.Equal(DiscordErrorCodes.MaximumPinsReached, ex.Code);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task SendAsync_InvalidFormBody_ThrowsWithFlattenedFieldErrors()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("POST", "/messages", FakeResponse.Error(400, 50035, "Invalid Form Body", """
            {"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}},
             "_errors":[{"code":"CONTENT_TYPE_INVALID","message":"Expected Content-Type"}]}
            """));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.CreateMessageAsync(Channel, new InteractionCallbackData { Content = "x" }, CancellationToken.None));

        Assert.Equal(DiscordErrorCodes.InvalidFormBody, ex.Code);
        Assert.Equal("Invalid Form Body", ex.DiscordMessage);
        Assert.Contains(new DiscordFieldError("embeds.0.title", "BASE_TYPE_MAX_LENGTH", "Must be 256 or fewer in length."), ex.FieldErrors);
        Assert.Contains(new DiscordFieldError(string.Empty, "CONTENT_TYPE_INVALID", "Expected Content-Type"), ex.FieldErrors);
        Assert.Contains("POST /channels/{channel.id}/messages", ex.Message);
    }

    [Theory]
    [InlineData(50013, 403)]
    [InlineData(40060, 400)]
    [InlineData(10062, 404)]
    public async Task CreateInteractionResponseAsync_DiscordError_ThrowsTypedOnceWithoutRetry(int code, int status)
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.Error(status, code, "nope"));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Client.CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None));

        Assert.Equal(code, ex.Code);
        Assert.Equal((HttpStatusCode)status, ex.StatusCode);
        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_Errors_NeverRevealTokensInLogsOrMessages()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.Error(404, 10062, "Unknown interaction"));
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.Error(403, 50013, "Missing Permissions"));

        var callback = await Assert.ThrowsAsync<DiscordApiException>(() =>
            h.Client.CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource), CancellationToken.None));
        var pin = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client.PinMessageAsync(Channel, MessageId, "r", CancellationToken.None));

        Assert.NotEmpty(h.Logs.Entries);
        foreach (string secret in new[] { RestHarness.BotToken, interaction.Token })
        {
            Assert.DoesNotContain(h.Logs.Entries, e => e.FullText.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, callback.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, pin.ToString(), StringComparison.Ordinal);
        }

        Assert.Contains("{interaction.token}", callback.Message);
    }

    [Fact]
    public async Task SendAsync_NoToken_ThrowsClearErrorBeforeSending()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Options.Token = null;

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.GetGatewayBotAsync(CancellationToken.None));

        Assert.Contains("token", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(h.Discord.Requests);
    }
}
