using DiscussionBot.Discord.Transport;

namespace DiscussionBot.Discord.Tests.Transport;

public sealed class WebSocketGatewayTransportTests
{
    [Fact]
    public async Task SendAsync_PayloadOver4096Bytes_ThrowsBeforeSending()
    {
        await using var transport = new WebSocketGatewayTransport();

        await Assert.ThrowsAsync<ArgumentException>(() => transport.SendAsync(new byte[4097], CancellationToken.None));
    }
}
