using System.Text.Json.Nodes;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.Discord.Transport;
using DiscussionBot.TestKit;

namespace DiscussionBot.Discord.Tests.Transport;

public sealed class GatewayMessageSizeTests
{
    [Fact]
    public async Task RunAsync_MessageOverTheMaximum_ClosesWith1009AndKeepsTheSession()
    {
        await using GatewayHarness h = await GatewayHarness.StartReadyAsync();
        await h.Gateway.WaitUntilAsync(g => g.SessionId is not null, "a session");

        await h.Gateway.SendDispatchAsync("GUILD_AUDIT_LOG_ENTRY_CREATE", new JsonObject
        {
            ["padding"] = new string('x', WebSocketGatewayTransport.DefaultMaxMessageBytes + 1),
        });
        await h.Gateway.WaitUntilAsync(g => g.Connections[0].ClientCloseCode is not null, "the client's close");

        Assert.Equal(1009, h.Gateway.Connections[0].ClientCloseCode);
        Assert.NotNull(h.Gateway.SessionId);
        await h.WaitUntilAsync(() => h.Client.Status == GatewayStatus.Reconnecting, "the client reconnecting");
    }
}
