using System.Text.Json;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewayClientReconnectTests
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public static TheoryData<string> Interruptions => ["close4000", "op7", "drop", "op9-true"];

    [Theory]
    [MemberData(nameof(Interruptions))]
    public async Task RunAsync_InterruptedSession_ResumesAtResumeUrlAndDeliversMissedEvents(string interruption)
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync(reconnect: new FixedReconnectStrategy(ReconnectDelay));
        Interaction before = FakeInteractions.SlashCommand("before");
        long lastSeq = await h.Gateway.SendInteractionAsync(before);
        Assert.Equal(before.Id, (await h.NextInteractionAsync()).Id);

        switch (interruption)
        {
            case "close4000":
                await h.Gateway.CloseAsync(4000, "unknown error");
                break;
            case "op7":
                await h.Gateway.SendReconnectAsync();
                break;
            case "drop":
                h.Gateway.Drop();
                break;
            default:
                await h.Gateway.SendInvalidSessionAsync(resumable: true);
                break;
        }

        // The client is waiting to reconnect: this event is missed and must be replayed on RESUME.
        await h.Time.WaitForTimerAsync(d => d == ReconnectDelay);
        Interaction missed = FakeInteractions.SlashCommand("missed");
        await h.Gateway.SendInteractionAsync(missed);
        h.Time.Advance(ReconnectDelay);

        GatewayFrame resume = await h.Gateway.WaitForFrameAsync(op: 6);
        JsonElement d = JsonDocument.Parse(resume.Json).RootElement.GetProperty("d");
        Assert.Equal(h.Gateway.SessionId, d.GetProperty("session_id").GetString());
        Assert.Equal(lastSeq, d.GetProperty("seq").GetInt64());
        Assert.Equal(GatewayHarness.BotToken, d.GetProperty("token").GetString());
        Assert.Equal("/resume", h.Gateway.Connections[1].Path);
        Assert.Equal("?v=10&encoding=json", h.Gateway.Connections[1].Query);
        Assert.Equal(missed.Id, (await h.NextInteractionAsync()).Id);
        Assert.Single(h.Gateway.FramesWithOp(2));
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Ready, "RESUMED");
        if (interruption is "op7" or "op9-true")
        {
            Assert.Equal(GatewayCloseCodes.ClientReconnect, h.Gateway.Connections[0].ClientCloseCode);
        }
    }

    [Theory]
    [InlineData(4000, "resume")]
    [InlineData(4009, "identify")]
    public async Task RunAsync_ClosedByDiscord_ReconnectCountedWithWhatItDoes(int closeCode, string action)
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();
        using var recorder = new TestKit.MeasurementRecorder(h.MeterFactory, DiscordMetrics.MeterName);

        await h.Gateway.CloseAsync(closeCode);

        TestKit.MeasurementRecorder.Measurement reconnect = await recorder.WaitForAsync("discussionbot.discord.gateway.reconnects");
        Assert.Equal(action, reconnect.Tags["action"]);
        Assert.Equal(1, reconnect.Value);
    }

    [Fact]
    public async Task RunAsync_AfterResume_LiveEventsStillDelivered()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();
        await h.Gateway.CloseAsync(4000);
        await h.Gateway.WaitForFrameAsync(op: 6);
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Ready, "RESUMED");

        Interaction live = FakeInteractions.SlashCommand("live");
        await h.Gateway.SendInteractionAsync(live);

        Assert.Equal(live.Id, (await h.NextInteractionAsync()).Id);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task RunAsync_CloseNeedingNewSession_IdentifiesAgainAfterConcurrencyWindow(int closeCode)
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Gateway.CloseAsync(closeCode);
        // max_concurrency 1: the second IDENTIFY waits out the 5 s window on fake time.
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(5));

        await h.Gateway.WaitForFrameAsync(op: 2, count: 2);
        Assert.Empty(h.Gateway.FramesWithOp(6));
        Assert.Equal("/gateway", h.Gateway.Connections[1].Path);
        Assert.Equal(2, h.Discord.Requests.Count(r => r.Path == "/gateway/bot"));
    }

    [Fact]
    public async Task RunAsync_InvalidSessionFalse_PausesOneToFiveSecondsThenIdentifies()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Gateway.SendInvalidSessionAsync(resumable: false);

        // Random 0.5 → 1 s + 4 s × 0.5 = 3 s pause, then the remaining 2 s of the IDENTIFY window.
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(3));
        Assert.Single(h.Gateway.FramesWithOp(2));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await h.Gateway.WaitForFrameAsync(op: 2, count: 2);
        await h.Gateway.WaitUntilAsync(g => g.Connections[0].ClientCloseCode is not null, "client close frame");
        Assert.Equal(1000, h.Gateway.Connections[0].ClientCloseCode);
        Assert.Empty(h.Gateway.FramesWithOp(6));
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task RunAsync_FatalCloseCode_ThrowsGatewayFatalExceptionWithoutReconnecting(int closeCode)
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();

        await h.Gateway.CloseAsync(closeCode);

        var ex = await Assert.ThrowsAsync<GatewayFatalException>(() => h.Run.WaitAsync(Waiter.DefaultTimeout));
        Assert.Equal(closeCode, ex.CloseCode);
        Assert.Single(h.Gateway.Connections);
        Assert.Equal(GatewayStatus.Faulted, h.Client.Status);
    }

    [Fact]
    public async Task RunAsync_BadToken_LogsOneClearLineAndNeverLeaksToken()
    {
        const string wrongToken = "WRONG-token.do-not-log";
        await using GatewayHarness h = await GatewayHarness.StartAsync(d => d.Gateway.AcceptedToken = "right-token", token: wrongToken);

        var ex = await Assert.ThrowsAsync<GatewayFatalException>(() => h.Run.WaitAsync(Waiter.DefaultTimeout));

        Assert.Equal(4004, ex.CloseCode);
        Assert.Contains("Discord rejected the bot token (close 4004)", ex.Message);
        Assert.Single(h.Logs.Entries, e => e.Message.Contains("Discord rejected the bot token (close 4004)", StringComparison.Ordinal));
        Assert.Single(h.Gateway.Connections);
        Assert.DoesNotContain(h.Logs.Entries, e => e.FullText.Contains(wrongToken, StringComparison.Ordinal));
        Assert.DoesNotContain(wrongToken, ex.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<GatewayFatalException>(() => h.Client.Ready);
    }

    [Fact]
    public async Task RunAsync_GatewayBotUnauthorized_ThrowsFatalWithoutConnecting()
    {
        await using GatewayHarness h = await GatewayHarness.StartAsync(d => d.Rest.AcceptedToken = "right-token");

        var ex = await Assert.ThrowsAsync<GatewayFatalException>(() => h.Run.WaitAsync(Waiter.DefaultTimeout));

        Assert.Contains("Discord rejected the bot token", ex.Message);
        Assert.Empty(h.Gateway.Connections);
        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task RunAsync_GatewayBotServerErrors_RetriesWithBackoffThenConnects()
    {
        await using GatewayHarness h = await GatewayHarness.StartAsync(d =>
        {
            for (int i = 0; i < 4; i++)
            {
                d.Rest.Enqueue("GET", "/gateway/bot", FakeResponse.ServerError(503));
            }
        });

        // REST retries after 1 s, 2 s and 4 s, then the gateway loop gives up on this attempt and reconnects at once (attempt 0).
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4));

        await h.Client.Ready.WaitAsync(Waiter.DefaultTimeout);
        Assert.Equal(5, h.Discord.Requests.Count);
    }
}
