using System.Text.Json;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Pins;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace DiscussionBot.Tests.Live;

/// <summary>Whole flows: the app in live mode against a fake Discord speaking the real protocol over WebSocket and HTTP.</summary>
public sealed class LiveModeTests
{
    private static readonly string PinMessages = PermissionsFormat.Format(Permissions.PinMessages);
    private static readonly string AllBotPermissions = PermissionsFormat.Format(
        Permissions.ViewChannel | Permissions.SendMessages | Permissions.EmbedLinks | Permissions.ReadMessageHistory | Permissions.PinMessages);

    [Fact]
    public async Task Start_RegistersEveryCommandOnceThenSkipsWhenUnchanged()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var folder = new TemporaryFolder();
        await using (LiveHarness first = await LiveHarness.StartAsync(folder: folder, discord: discord))
        {
            RecordedRequest put = Assert.Single(discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
            string[] names = JsonNode.Parse(put.Body)!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToArray();
            Assert.Equal(["help", "pin-summary", "pins", "quote", "source", "sources", "summary", "theme", "themes", "Add to sources", "Find in sources"], names);
            JsonNode identify = JsonNode.Parse(discord.Gateway.FramesWithOp(2)[0].Json)!;
            Assert.Equal(0, identify["d"]!["intents"]!.GetValue<int>());
        }

        int putsBefore = discord.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
        using var otherFolder = new TemporaryFolder();
        await using (LiveHarness second = await LiveHarness.StartAsync(folder: otherFolder, discord: discord))
        {
            Assert.Equal(putsBefore, discord.Requests.Count(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task Gateway_Handshake_SendsTheSameUserAgentAsRest()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();

        string restAgent = live.Discord.Requests.First(r => r.Path.EndsWith("/gateway/bot", StringComparison.Ordinal)).Header("User-Agent")!;
        Assert.StartsWith("DiscordBot (", restAgent, StringComparison.Ordinal);
        Assert.Equal(restAgent, live.Discord.Gateway.Connections[0].UserAgent);
    }

    [Fact]
    public async Task Quote_OverGateway_AnsweredWithType4AndNoMentions()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("quote", ("query", "cannon fodder"));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        JsonNode body = JsonNode.Parse(callback.Body)!;
        Assert.Equal(4, body["type"]!.GetValue<int>());
        Assert.Contains("cannon fodder", body["data"]!["embeds"]![0]!["fields"]![0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(body["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Autocomplete_OverGateway_AnsweredWithType8()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("summary", ("source", "kim")) with { Type = InteractionType.ApplicationCommandAutocomplete };
        interaction = interaction with { Data = interaction.Data! with { Options = [interaction.Data.Options![0] with { Focused = true }] } };

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        JsonNode body = JsonNode.Parse(callback.Body)!;
        Assert.Equal(8, body["type"]!.GetValue<int>());
        Assert.Equal(SeedDocuments.KimTitle, body["data"]!["choices"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task PinSummary_Moderator_PostsPinsWithAuditReasonAndRecords()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = Moderator(FakeInteractions.SlashCommand("pin-summary", ("length", "short")));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        RecordedRequest post = Assert.Single(live.Discord.Requests, r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal));
        Assert.Contains("Summary of all sources", post.Body, StringComparison.Ordinal);
        RecordedRequest pin = Assert.Single(live.Discord.Requests, r => r.Method == "PUT" && r.Path.Contains("/messages/pins/", StringComparison.Ordinal));
        string postedId = JsonNode.Parse(live.Discord.Rest.ChannelMessages.Single().ToJsonString())!["id"]!.GetValue<string>();
        Assert.EndsWith($"/channels/{FakeInteractions.ChannelId}/messages/pins/{postedId}", pin.Path, StringComparison.Ordinal);
        Assert.Contains("mason", Uri.UnescapeDataString(pin.Header("X-Audit-Log-Reason")!), StringComparison.Ordinal);
        JsonNode body = JsonNode.Parse(callback.Body)!;
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Posted and pinned", body["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        PinRecord record = Assert.Single(await live.Services.GetRequiredService<IPinLedger>().ListAsync(FakeInteractions.GuildId.Value, 10, CancellationToken.None));
        Assert.Equal(ulong.Parse(postedId, System.Globalization.CultureInfo.InvariantCulture), record.MessageId);
        Assert.Equal(SeedDocuments.KimTitle, Assert.Single(record.Sources).Title);
    }

    [Fact]
    public async Task PinSummary_NonModerator_EphemeralRefusalNothingPosted()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("pin-summary") with
        {
            AppPermissions = AllBotPermissions,
            Member = FakeInteractions.SlashCommand("x").Member! with { Permissions = "2048" },
        };

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        Assert.Contains("Only moderators", callback.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Discord.Requests, r => r.Path.Contains("/channels/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PinSummary_BotLacksPinPermission_SaysWhatIsMissing()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = Moderator(FakeInteractions.SlashCommand("pin-summary")) with { AppPermissions = "19456" }; // view, send, embed

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        Assert.Contains("missing the Pin Messages permission", callback.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Discord.Requests, r => r.Path.Contains("/channels/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PinSummary_ChannelAtPinLimit_ToldAndPostedMessageRemoved()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        live.Discord.Rest.SetPinCount(FakeInteractions.ChannelId.Value, 250);
        Interaction interaction = Moderator(FakeInteractions.SlashCommand("pin-summary"));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        Assert.Contains("most pins Discord allows (250)", callback.Body, StringComparison.Ordinal);
        Assert.Empty(live.Discord.Rest.ChannelMessages);
        Assert.Equal(250, live.Discord.Rest.PinCount(FakeInteractions.ChannelId.Value));
        Assert.Empty(await live.Services.GetRequiredService<IPinLedger>().ListAsync(FakeInteractions.GuildId.Value, 10, CancellationToken.None));
    }

    [Fact]
    public async Task PinSummary_AtPinLimitAndRemovalFails_StillSaysWhyAndThatTheSummaryStayed()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        live.Discord.Rest.SetPinCount(FakeInteractions.ChannelId.Value, 250);
        live.Discord.Rest.Enqueue("DELETE", "/messages/", FakeResponse.Error(403, 50013, "Missing Permissions"));
        Interaction interaction = Moderator(FakeInteractions.SlashCommand("pin-summary"));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        RecordedRequest callback = await WaitForCallbackAsync(live, interaction);

        string content = JsonNode.Parse(callback.Body)!["data"]!["content"]!.GetValue<string>();
        Assert.Contains("most pins Discord allows (250)", content, StringComparison.Ordinal);
        Assert.Contains("couldn't remove the summary I posted", content, StringComparison.Ordinal);
        Assert.Contains(live.Logs.Entries, e => e.EventId.Id == 3032);
    }

    [Fact]
    public async Task PinButton_Moderator_PinsTheMessageItIsOn()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        var summaryMessage = new Message { Id = new Snowflake(777), ChannelId = FakeInteractions.ChannelId, Content = string.Empty };
        Interaction click = Moderator(FakeInteractions.SlashCommand("x")) with
        {
            Type = InteractionType.MessageComponent,
            Data = new InteractionData { CustomId = "pin:all:Short", ComponentType = ComponentType.Button },
            Message = summaryMessage,
        };

        await live.Discord.Gateway.SendInteractionAsync(click);
        RecordedRequest callback = await WaitForCallbackAsync(live, click);

        Assert.Contains("Pinned the summary", callback.Body, StringComparison.Ordinal);
        Assert.Single(live.Discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/messages/pins/777", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Callback429_WaitsRetryAfterThenAnswers()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("sources");
        live.Discord.Rest.Enqueue("POST", $"/interactions/{interaction.Id}/", FakeResponse.RateLimited(2.5));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        await live.Discord.Rest.WaitForRequestAsync(r => r.Path.Contains($"/interactions/{interaction.Id}/", StringComparison.Ordinal));
        TimeSpan wait = TimeSpan.FromSeconds(2.5) + Discord.Rest.RestRateLimiter.ResetSafetyMargin;
        await live.Time.WaitForTimerAsync(d => d == wait);
        live.Time.Advance(wait);
        await live.Discord.Rest.WaitForRequestAsync(r => r.Path.Contains($"/interactions/{interaction.Id}/", StringComparison.Ordinal), count: 2);

        Assert.Equal(4, JsonNode.Parse(live.Discord.Rest.Requests.Last(r => r.Path.Contains($"/interactions/{interaction.Id}/", StringComparison.Ordinal)).Body)!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task UnknownInteraction10062_LoggedOnceNoRetry()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("sources");
        live.Discord.Rest.Enqueue("POST", $"/interactions/{interaction.Id}/", FakeResponse.Error(404, 10062, "Unknown interaction"));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        await live.Logs.WaitForAsync(e => e.EventId.Id == 3021, "the 10062 warning");

        Assert.Single(live.Discord.Requests, r => r.Path.Contains($"/interactions/{interaction.Id}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DroppedSocket_ResumesAndAnswersInteractionSentWhileAway()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        await live.Discord.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session");

        live.Discord.Gateway.Drop();
        Interaction missed = FakeInteractions.SlashCommand("sources");
        await live.Discord.Gateway.SendInteractionAsync(missed);
        RecordedRequest callback;
        try
        {
            callback = await WaitForCallbackAsync(live, missed);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Join("\n", live.Discord.Gateway.Frames.Select(f => $"{f.ConnectionId} {f.Json}")) + "\n" +
                string.Join("\n", live.Logs.Entries.Select(e => e.FullText)));
        }

        Assert.Equal(4, JsonNode.Parse(callback.Body)!["type"]!.GetValue<int>());
        Assert.NotEmpty(live.Discord.Gateway.FramesWithOp(6));
    }

    [Fact]
    public async Task Stop_ClosesGatewayWith1000AndExitsZero()
    {
        LiveHarness live = await LiveHarness.StartAsync();
        await live.Discord.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session");

        using (var timeout = new CancellationTokenSource(Waiter.DefaultTimeout))
        {
            await live.Host.StopAsync(timeout.Token);
        }

        Assert.Equal(1000, live.Discord.Gateway.Connections[^1].ClientCloseCode);
        Assert.Equal(0, live.ExitCode);
        await live.DisposeAsync();
    }

    [Fact]
    public async Task Close4004_StopsHostWithExitCodeOneAndNoReconnect()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        await live.Discord.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session");

        await live.Discord.Gateway.CloseAsync(4004, "Authentication failed.");
        await live.Logs.WaitForAsync(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical, "the fatal log line");
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (live.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult()))
        {
            await stopping.Task.WaitAsync(Waiter.DefaultTimeout);
        }

        Assert.Equal(1, live.ExitCode);

        Assert.Single(live.Discord.Gateway.Connections);
        Assert.Contains(live.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical && e.Message.Contains("token", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(live.Logs.Entries, e => e.FullText.Contains(LiveHarness.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_NeverContainBotOrInteractionTokens()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("quote", ("query", "propaganda"));

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        await WaitForCallbackAsync(live, interaction);

        Assert.NotEmpty(live.Logs.Entries);
        Assert.DoesNotContain(live.Logs.Entries, e => e.FullText.Contains(LiveHarness.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(live.Logs.Entries, e => e.FullText.Contains(interaction.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_InteractionScopeRendersIdCommandAndGuild()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("sources");

        await live.Discord.Gateway.SendInteractionAsync(interaction);
        await live.Logs.WaitForAsync(e => e.EventId.Id == 3020, "the answered line");

        LogEntry answered = live.Logs.Entries.Single(e => e.EventId.Id == 3020);
        Assert.Contains($"Interaction {interaction.Id} /sources in guild {FakeInteractions.GuildId}", answered.Scopes);
        Assert.DoesNotContain(answered.Scopes, s => s.Contains("Dictionary", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryCommandAndButton_OverGateway_AnsweredWithinLimits()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        long doc = (await live.Services.GetRequiredService<Core.Documents.IDocumentStore>().ListDocumentsAsync(CancellationToken.None)).Single().Id;
        Interaction[] interactions =
        [
            FakeInteractions.SlashCommand("help"),
            FakeInteractions.SlashCommand("sources"),
            FakeInteractions.SlashCommand("summary", ("length", "medium")),
            FakeInteractions.SlashCommand("summary", ("source", "Kim Jong Un")),
            FakeInteractions.SlashCommand("themes"),
            FakeInteractions.SlashCommand("theme", ("name", "propaganda")),
            FakeInteractions.SlashCommand("quote", ("query", "luxury bags")),
            FakeInteractions.SlashCommand("pins"),
            FakeInteractions.SlashCommand("quote", ("query", "\" OR 1=1; DROP TABLE documents; -- NEAR(a b) text:* @everyone")),
            FakeInteractions.SlashCommand("summary", ("source", "<@&123> no such source")),
            FakeInteractions.SlashCommand("theme", ("name", new string('x', 500))),
            Button("summary:all:Medium"),
            Button($"context:{doc}:0"),
            Button("explain:all:0"),
            Button("gone:1"),
        ];

        foreach (Interaction interaction in interactions)
        {
            await live.Discord.Gateway.SendInteractionAsync(interaction);
        }

        foreach (Interaction interaction in interactions)
        {
            JsonNode body = JsonNode.Parse((await WaitForCallbackAsync(live, interaction)).Body)!;
            Assert.Contains(body["type"]!.GetValue<int>(), new[] { 4, 7 });
            Assert.Empty(body["data"]!["allowed_mentions"]!["parse"]!.AsArray());
            Assert.True((body["data"]!["content"]?.GetValue<string>().Length ?? 0) <= DiscordLimits.ContentLength);
        }

        Assert.Single(await live.Services.GetRequiredService<Core.Documents.IDocumentStore>().ListDocumentsAsync(CancellationToken.None));
    }

    private static Interaction Button(string customId) => FakeInteractions.SlashCommand("x") with
    {
        Type = InteractionType.MessageComponent,
        Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
        Message = new Message { Id = new Snowflake(555), ChannelId = FakeInteractions.ChannelId },
    };

    private static Interaction Moderator(Interaction interaction) => interaction with
    {
        AppPermissions = AllBotPermissions,
        Member = interaction.Member! with { Permissions = PinMessages },
    };

    private static Task<RecordedRequest> WaitForCallbackAsync(LiveHarness live, Interaction interaction) =>
        live.Discord.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path.EndsWith($"/interactions/{interaction.Id}/{interaction.Token}/callback", StringComparison.Ordinal));
}
