using System.Text.Json;
using System.Text.Json.Nodes;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewayClientLifecycleTests
{
    [Fact]
    public async Task RunAsync_NewSession_IdentifiesWithIntentsZeroPropertiesAndShard()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        GatewayFrame identify = await h.Gateway.WaitForFrameAsync(op: 2);
        JsonElement d = JsonDocument.Parse(identify.Json).RootElement.GetProperty("d");
        Assert.Equal(GatewayHarness.BotToken, d.GetProperty("token").GetString());
        Assert.Equal(0, d.GetProperty("intents").GetInt32());
        Assert.Equal("DiscussionBot", d.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal("DiscussionBot", d.GetProperty("properties").GetProperty("device").GetString());
        Assert.False(string.IsNullOrEmpty(d.GetProperty("properties").GetProperty("os").GetString()));
        Assert.Equal([0, 1], d.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("/gateway", h.Gateway.Connections[0].Path);
        Assert.Equal("?v=10&encoding=json", h.Gateway.Connections[0].Query);
        Assert.Equal(1, h.Discord.Requests.Count(r => r.Path == "/gateway/bot"));
    }

    [Fact]
    public async Task Ready_AfterReadyDispatch_ExposesApplicationIdAndStatusReady()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        GatewayReadyInfo ready = await h.Client.Ready;

        Assert.Equal(h.Discord.ApplicationId, ready.ApplicationId);
        Assert.Equal(h.Gateway.SessionId, ready.SessionId);
        Assert.Equal(GatewayStatus.Ready, h.Client.Status);
    }

    [Fact]
    public async Task Heartbeat_AfterHello_FirstBeatAfterJitteredIntervalCarriesLastSequence()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();
        Interaction sent = FakeInteractions.SlashCommand("ask");
        long seq = await h.Gateway.SendInteractionAsync(sent);
        Assert.Equal(sent.Id, (await h.NextInteractionAsync()).Id);
        Assert.Empty(h.Gateway.FramesWithOp(1));

        await h.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat);

        GatewayFrame beat = await h.Gateway.WaitForFrameAsync(op: 1);
        Assert.Equal(seq, JsonDocument.Parse(beat.Json).RootElement.GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task Heartbeat_WhenAcknowledged_KeepsBeatingEveryInterval()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();
        await h.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat);
        await h.Gateway.WaitForFrameAsync(op: 1);
        await h.WaitUntilAsync(() => h.Acks >= 1, "ACK processed");

        await h.Time.AdvanceWhenWaitingAsync(GatewayHarness.Interval);

        await h.Gateway.WaitForFrameAsync(op: 1, count: 2);
        Assert.Single(h.Gateway.Connections);
    }

    [Fact]
    public async Task Heartbeat_ServerSendsOp1_HeartbeatsImmediately()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Gateway.RequestHeartbeatAsync();

        GatewayFrame beat = await h.Gateway.WaitForFrameAsync(op: 1);
        Assert.Equal(1, JsonDocument.Parse(beat.Json).RootElement.GetProperty("d").GetInt64());
    }

    [Fact]
    public async Task Heartbeat_NoAckBeforeNextBeat_ClosesNon1000AndResumes()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync(d => d.Gateway.AcknowledgeHeartbeats = false);
        await h.Time.AdvanceWhenWaitingAsync(GatewayHarness.FirstBeat);
        await h.Gateway.WaitForFrameAsync(op: 1);

        await h.Time.AdvanceWhenWaitingAsync(GatewayHarness.Interval);

        GatewayFrame resume = await h.Gateway.WaitForFrameAsync(op: 6);
        await h.Gateway.WaitUntilAsync(g => g.Connections[0].Ended, "first connection closed");
        Assert.Equal(GatewayCloseCodes.ClientReconnect, h.Gateway.Connections[0].ClientCloseCode);
        Assert.Equal(2, resume.ConnectionId);
        Assert.Equal("/resume", h.Gateway.Connections[1].Path);
        Assert.Single(h.Gateway.FramesWithOp(1));
    }

    [Fact]
    public async Task Interactions_FixtureDispatch_DeserializedIntoModel()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Gateway.SendDispatchAsync("INTERACTION_CREATE", JsonNode.Parse(Fixture.Read("interaction_slash_command.json"))!);

        Interaction interaction = await h.NextInteractionAsync();
        Assert.Equal(new Snowflake(786008729715212338), interaction.Id);
        Assert.Equal("ask", interaction.Data!.Name);
        Assert.Equal("freedom", interaction.Data.Options![0].ValueAsString());
        Assert.Equal("mason", interaction.Invoker!.Username);
        Assert.Equal("fixture-interaction-token", interaction.Token);
        Assert.True(interaction.InvokerPermissions.Grants(Permissions.SendMessages));
    }

    [Fact]
    public async Task CloseAsync_Code1000_EndsRunNormallyAndClosesWith1000()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Client.CloseAsync();
        await h.Run.WaitAsync(TestKit.Waiter.DefaultTimeout);

        await h.Gateway.WaitUntilAsync(g => g.Connections[0].ClientCloseCode is not null, "client close frame");
        Assert.Equal(1000, h.Gateway.Connections[0].ClientCloseCode);
        Assert.Equal(GatewayStatus.Offline, h.Client.Status);
        Assert.True(h.Client.Interactions.Completion.IsCompleted);
    }

    [Fact]
    public async Task CloseAsync_Code4000_ClosesResumably()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Client.CloseAsync(4000);
        await h.Run.WaitAsync(TestKit.Waiter.DefaultTimeout);

        await h.Gateway.WaitUntilAsync(g => g.Connections[0].ClientCloseCode is not null, "client close frame");
        Assert.Equal(4000, h.Gateway.Connections[0].ClientCloseCode);
    }
}
