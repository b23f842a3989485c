using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Tests.Cli;

public sealed class RegisterVerbTests
{
    [Fact]
    public async Task Register_WithToken_OverwritesCommandsOnceThenReportsThemCurrent()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var app = new AppFixture();
        app.Settings["Discord:Token"] = "fake-discord-token";
        app.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;

        (int exit, string output, string error) = await app.RunAsync("register");
        (int againExit, string again, _) = await app.RunAsync("register");

        Assert.Equal(0, exit);
        Assert.Matches(@"^Registered \d+ commands globally\.", output);
        Assert.Equal(string.Empty, error);
        Assert.Equal(0, againExit);
        Assert.Contains("already current", again, StringComparison.Ordinal);
        Assert.Single(discord.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_WithoutToken_FailsWithOneLine()
    {
        using var app = new AppFixture();

        (int exit, _, string error) = await app.RunAsync("register");

        Assert.Equal(1, exit);
        Assert.Contains("Discord:Token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_TokenRejected_ExitsOneNamingTheStatus()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        discord.Rest.AcceptedToken = "the-real-token";
        using var app = new AppFixture();
        app.Settings["Discord:Token"] = "a-wrong-token";
        app.Settings["Discord:ApiBaseUrl"] = discord.ApiBaseUrl;

        (int exit, _, string error) = await app.RunAsync("register");

        Assert.Equal(1, exit);
        Assert.Contains("HTTP 401", error, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-token", error, StringComparison.Ordinal);
    }
}
