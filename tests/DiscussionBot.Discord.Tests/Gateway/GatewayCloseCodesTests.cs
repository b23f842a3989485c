using DiscussionBot.Discord.Gateway;

namespace DiscussionBot.Discord.Tests.Gateway;

public sealed class GatewayCloseCodesTests
{
    [Theory]
    [InlineData(4000, CloseAction.Resume)]
    [InlineData(4001, CloseAction.Resume)]
    [InlineData(4002, CloseAction.Resume)]
    [InlineData(4003, CloseAction.NewSession)]
    [InlineData(4004, CloseAction.Fatal)]
    [InlineData(4005, CloseAction.Resume)]
    [InlineData(4007, CloseAction.NewSession)]
    [InlineData(4008, CloseAction.Resume)]
    [InlineData(4009, CloseAction.NewSession)]
    [InlineData(4010, CloseAction.Fatal)]
    [InlineData(4011, CloseAction.Fatal)]
    [InlineData(4012, CloseAction.Fatal)]
    [InlineData(4013, CloseAction.Fatal)]
    [InlineData(4014, CloseAction.Fatal)]
    [InlineData(1000, CloseAction.NewSession)]
    [InlineData(1006, CloseAction.Resume)]
    [InlineData(null, CloseAction.Resume)]
    public void Classify_CloseCode_MatchesTable(int? code, CloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));

    [Fact]
    public void GatewayFatalException_4004_HasOneClearMessage() =>
        Assert.Equal("Discord rejected the bot token (close 4004)", new GatewayFatalException(4004).Message);

    [Theory]
    [InlineData(4000, 4000)]
    [InlineData(4009, 4009)]
    [InlineData(1000, 1000)]
    [InlineData(1005, 4000)]
    [InlineData(1006, 4000)]
    [InlineData(null, 4000)]
    public void EchoCode_ServerCode_OnlySendableCodes(int? serverCode, int expected) =>
        Assert.Equal(expected, GatewayCloseCodes.EchoCode(serverCode));
}
