using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace DiscussionBot.Discord.Tests.Gateway;

/// <summary>The state machine against a scripted transport (no sockets); the REST port is a Moq stub.</summary>
public sealed class GatewayClientScriptedTransportTests
{
    private const string Hello = """{"op":10,"d":{"heartbeat_interval":45000},"s":null,"t":null}""";
    private const string Ready = """{"op":0,"s":1,"t":"READY","d":{"v":10,"session_id":"s1","resume_gateway_url":"wss://resume.fake.test","application":{"id":"42","flags":0}}}""";

    [Fact]
    public async Task RunAsync_HelloThenReady_IdentifiesOnGatewayUrlWithQuery()
    {
        var (client, factory, gatewayBot, cts) = Create();
        Task run = client.RunAsync(cts.Token);

        FakeGatewayTransport t = await factory.WaitForTransportAsync(1);
        t.Receive(Hello);
        string identify = await t.WaitForSentAsync("\"op\":2");
        t.Receive(Ready);
        GatewayReadyInfo ready = await client.Ready.WaitAsync(Waiter.DefaultTimeout);

        Assert.Equal(new Uri("wss://gateway.fake.test/?v=10&encoding=json"), t.ConnectedUri);
        Assert.Contains("\"intents\":0", identify, StringComparison.Ordinal);
        Assert.Equal(42UL, ready.ApplicationId.Value);
        gatewayBot.Verify(g => g.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once);

        await cts.CancelAsync();
        await run.WaitAsync(Waiter.DefaultTimeout);
        Assert.Equal(1000, t.ClientCloseCode);
        Assert.True(t.Disposed);
    }

    [Fact]
    public async Task RunAsync_Op7_Closes4000AndResumesOnResumeUrl()
    {
        var (client, factory, gatewayBot, cts) = Create();
        Task run = client.RunAsync(cts.Token);
        FakeGatewayTransport first = await factory.WaitForTransportAsync(1);
        first.Receive(Hello);
        await first.WaitForSentAsync("\"op\":2");
        first.Receive(Ready);
        await client.Ready.WaitAsync(Waiter.DefaultTimeout);

        first.Receive("""{"op":7,"d":null,"s":null,"t":null}""");

        FakeGatewayTransport second = await factory.WaitForTransportAsync(2);
        second.Receive(Hello);
        string resume = await second.WaitForSentAsync("\"op\":6");
        Assert.Equal(4000, first.ClientCloseCode);
        Assert.Equal(new Uri("wss://resume.fake.test/?v=10&encoding=json"), second.ConnectedUri);
        Assert.Contains("\"session_id\":\"s1\"", resume, StringComparison.Ordinal);
        Assert.Contains("\"seq\":1", resume, StringComparison.Ordinal);
        gatewayBot.Verify(g => g.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once);

        await cts.CancelAsync();
        await run.WaitAsync(Waiter.DefaultTimeout);
    }

    private static (GatewayClient Client, FakeGatewayTransportFactory Factory, Mock<IGatewayBotProvider> GatewayBot, CancellationTokenSource Cts) Create()
    {
        var gatewayBot = new Mock<IGatewayBotProvider>();
        gatewayBot.Setup(g => g.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GatewayBotInfo { Url = "wss://gateway.fake.test", SessionStartLimit = new SessionStartLimit() });
        var factory = new FakeGatewayTransportFactory();
        var client = new GatewayClient(
            Options.Create(new DiscordClientOptions { Token = "t" }),
            gatewayBot.Object,
            factory,
            new ExponentialReconnectStrategy(new FixedRandom(0.5)),
            new FixedRandom(0.5),
            new TrackingTimeProvider(),
            NullLogger<GatewayClient>.Instance);
        return (client, factory, gatewayBot, new CancellationTokenSource());
    }
}
