using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Discord.Tests;

/// <summary>The flow a hosted service drives, through DI and the fake server.</summary>
public sealed class HostFlowTests
{
    [Fact]
    public async Task AddDiscordClient_WholeFlow_RegistersAnswersDefersEditsPinsAndCloses()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TrackingTimeProvider());
        services.AddDiscordClient(o => discord.Apply(o));
        await using ServiceProvider provider = services.BuildServiceProvider();
        DiscordRestClient rest = provider.GetRequiredService<DiscordRestClient>();
        GatewayClient gateway = provider.GetRequiredService<GatewayClient>();

        DiscordApplication app = await rest.GetCurrentApplicationAsync(CancellationToken.None);
        await rest.BulkOverwriteGlobalCommandsAsync(app.Id, [new ApplicationCommand { Name = "ask", Description = "Ask" }], CancellationToken.None);
        Task run = gateway.RunAsync(CancellationToken.None);
        GatewayReadyInfo ready = await gateway.Ready.WaitAsync(Waiter.DefaultTimeout);
        await discord.Gateway.SendInteractionAsync(FakeInteractions.SlashCommand("ask"));
        await discord.Gateway.SendInteractionAsync(FakeInteractions.SlashCommand("ask"));

        using var cts = new CancellationTokenSource(Waiter.DefaultTimeout);
        Interaction first = (await gateway.Interactions.ReadAsync(cts.Token)).Interaction;
        await rest.CreateInteractionResponseAsync(first, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData { Content = "now" }), cts.Token);
        Interaction second = (await gateway.Interactions.ReadAsync(cts.Token)).Interaction;
        await rest.CreateInteractionResponseAsync(second, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), cts.Token);
        await rest.EditOriginalResponseAsync(second, new InteractionCallbackData { Content = "later" }, cts.Token);
        Message posted = await rest.CreateMessageAsync(second.ChannelId!.Value, new InteractionCallbackData { Content = "quote" }, cts.Token);
        await rest.PinMessageAsync(posted.ChannelId, posted.Id, "Pinned by /pin", cts.Token);
        await gateway.CloseAsync();
        await run.WaitAsync(Waiter.DefaultTimeout);

        Assert.Equal(discord.ApplicationId, ready.ApplicationId);
        Assert.Equal(app.Id, ready.ApplicationId);
        Assert.Equal("now", discord.Rest.OriginalResponse(first.Token)!["content"]!.GetValue<string>());
        Assert.Equal("later", discord.Rest.OriginalResponse(second.Token)!["content"]!.GetValue<string>());
        Assert.Equal(1, discord.Rest.PinCount(posted.ChannelId.Value));
        Assert.Equal(1000, discord.Gateway.Connections[0].ClientCloseCode);
        Assert.Equal(GatewayStatus.Offline, gateway.Status);
    }
}
