using System.Text;
using DiscussionBot.Discord.Webhook;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Discord.Tests.Webhook;

public sealed class InteractionSignatureVerifierTests
{
    private const string Timestamp = "1767225600";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":1}""");

    [Fact]
    public void IsValid_SignedByTheApplicationKey_True()
    {
        using var discord = new InteractionSigner();
        var verifier = new InteractionSignatureVerifier(discord.PublicKeyHex);

        Assert.True(verifier.IsValid(discord.Sign(Timestamp, Body), Timestamp, Body));
    }

    [Fact]
    public void IsValid_BodyTampered_False()
    {
        using var discord = new InteractionSigner();
        var verifier = new InteractionSignatureVerifier(discord.PublicKeyHex);

        Assert.False(verifier.IsValid(discord.Sign(Timestamp, Body), Timestamp, Encoding.UTF8.GetBytes("""{"type":2}""")));
    }

    [Fact]
    public void IsValid_TimestampTampered_False()
    {
        using var discord = new InteractionSigner();
        var verifier = new InteractionSignatureVerifier(discord.PublicKeyHex);

        Assert.False(verifier.IsValid(discord.Sign(Timestamp, Body), "1767225601", Body));
    }

    [Fact]
    public void IsValid_SignedByAnotherKey_False()
    {
        using var discord = new InteractionSigner();
        using var stranger = new InteractionSigner();
        var verifier = new InteractionSignatureVerifier(discord.PublicKeyHex);

        Assert.False(verifier.IsValid(stranger.Sign(Timestamp, Body), Timestamp, Body));
    }

    [Theory]
    [InlineData(null, Timestamp)]
    [InlineData("", Timestamp)]
    [InlineData("zz", Timestamp)]
    [InlineData("SIGNATURE", null)]
    [InlineData("SIGNATURE", "")]
    public void IsValid_MissingOrMalformedHeaders_False(string? signature, string? timestamp)
    {
        using var discord = new InteractionSigner();
        var verifier = new InteractionSignatureVerifier(discord.PublicKeyHex);
        string? sent = signature == "SIGNATURE" ? discord.Sign(Timestamp, Body) : signature;

        Assert.False(verifier.IsValid(sent, timestamp, Body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("not hex at all, but exactly sixty-four characters long, for sure!")]
    public void Constructor_MalformedKey_ThrowsFormatException(string key)
    {
        Assert.Throws<FormatException>(() => new InteractionSignatureVerifier(key));
        Assert.False(InteractionSignatureVerifier.IsWellFormedKey(key));
    }
}
