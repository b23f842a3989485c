using System.Text.Json;
using System.Threading.Channels;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewayDispatcherTests
{
    [Fact]
    public void Handle_QueueFull_DropsWithWarningInsteadOfWaiting()
    {
        var channel = Channel.CreateBounded<ReceivedInteraction>(1);
        var logs = new CollectingLoggerProvider();
        var dispatcher = new GatewayDispatcher(new GatewaySession(), channel.Writer, TimeProvider.System, logs.CreateLogger("test"));

        dispatcher.Handle(InteractionPayload(1));
        dispatcher.Handle(InteractionPayload(2));

        Assert.Equal(1, channel.Reader.Count);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Id == 1011);
    }

    [Fact]
    public void Handle_Ready_StoresSessionAndResumeUrl()
    {
        var session = new GatewaySession();
        var dispatcher = new GatewayDispatcher(session, Channel.CreateUnbounded<ReceivedInteraction>().Writer, TimeProvider.System, new CollectingLoggerProvider().CreateLogger("test"));
        GatewayReadyInfo? info = null;
        dispatcher.Ready += i => info = i;
        string json = """{"op":0,"s":1,"t":"READY","d":{"v":10,"session_id":"abc","resume_gateway_url":"wss://resume.example","application":{"id":"42","flags":0}}}""";

        DispatchOutcome outcome = dispatcher.Handle(JsonSerializer.Deserialize(json, GatewayJsonContext.Default.GatewayPayload)!);

        Assert.Equal(DispatchOutcome.Ready, outcome);
        Assert.Equal("abc", session.SessionId);
        Assert.Equal(new Uri("wss://resume.example"), session.ResumeGatewayUrl);
        Assert.Equal(new Snowflake(42), info!.ApplicationId);
    }

    private static GatewayPayload InteractionPayload(long seq) => new()
    {
        Op = GatewayOpCode.Dispatch,
        S = seq,
        T = "INTERACTION_CREATE",
        D = JsonSerializer.SerializeToElement(FakeInteractions.SlashCommand("ask"), DiscordJsonContext.Default.Interaction),
    };
}

public sealed class InteractionToStringTests
{
    [Fact]
    public void ToString_Interaction_HidesToken()
    {
        Interaction interaction = FakeInteractions.SlashCommand("ask");

        string text = interaction.ToString();

        Assert.DoesNotContain(interaction.Token, text, StringComparison.Ordinal);
        Assert.Contains(interaction.Id.ToString(), text, StringComparison.Ordinal);
    }
}
