using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord.Tests;

public sealed class DiscordClientOptionsTests
{
    [Fact]
    public void ToString_WithToken_DoesNotRevealIt()
    {
        var options = new DiscordClientOptions { Token = "super.secret.token" };

        Assert.DoesNotContain("super.secret.token", options.ToString(), StringComparison.Ordinal);
        Assert.Contains("(set)", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoToken_Succeeds()
    {
        ValidateOptionsResult result = new DiscordClientOptionsValidator().Validate(null, new DiscordClientOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("not a url", 0, 1)]
    [InlineData("https://discord.com/api/v10", 1, 1)]
    [InlineData("https://discord.com/api/v10", 0, 0)]
    public void Validate_BadValues_Fails(string apiBaseUrl, int shardId, int shardCount)
    {
        var options = new DiscordClientOptions { ApiBaseUrl = apiBaseUrl, ShardId = shardId, ShardCount = shardCount };

        Assert.True(new DiscordClientOptionsValidator().Validate(null, options).Failed);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("abcd", false)]
    [InlineData("0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef", true)]
    public void Validate_HttpMode_NeedsAWellFormedPublicKey(string? publicKey, bool valid)
    {
        var options = new DiscordClientOptions { Mode = InteractionDelivery.Http, PublicKey = publicKey };

        ValidateOptionsResult result = new DiscordClientOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.True(valid || result.FailureMessage!.Contains("Discord:PublicKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TokenWithBotPrefix_FailsWithoutEchoingToken()
    {
        ValidateOptionsResult result = new DiscordClientOptionsValidator().Validate(null, new DiscordClientOptions { Token = "Bot abc.def" });

        Assert.True(result.Failed);
        Assert.DoesNotContain("abc.def", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscordClient_Always_ResolvesClientsAndSystemTime()
    {
        var services = new ServiceCollection();
        services.AddDiscordClient(o => o.Token = "t");
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<DiscordRestClient>());
        Assert.NotNull(provider.GetRequiredService<GatewayClient>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal("t", provider.GetRequiredService<IOptions<DiscordClientOptions>>().Value.Token);
    }

    [Fact]
    public void AddDiscordClient_ExistingTimeProvider_IsKept()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);

        services.AddDiscordClient();

        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());
    }
}
