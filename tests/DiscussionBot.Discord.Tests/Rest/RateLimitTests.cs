using System.Net;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Discord.Tests.Support;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.Discord.Tests.Rest;

public sealed class RateLimitTests
{
    private static readonly Snowflake Channel = new(645027906669510667);
    private static readonly Snowflake OtherChannel = new(645027906669510668);

    [Fact]
    public async Task CreateInteractionResponseAsync_429_WaitsRetryAfterOnTimeProviderThenRetries()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.RateLimited(2.5));

        Task call = h.Client.CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);
        await h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2.5));
        Assert.Single(h.Discord.Requests);
        h.Time.Advance(TimeSpan.FromSeconds(2.5));
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(2, h.Discord.Requests.Count);
        Assert.All(h.Discord.Requests, r => Assert.EndsWith("/callback", r.Path));
    }

    [Fact]
    public async Task PinMessageAsync_429_WaitsRetryAfterThenPins()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.RateLimited(64.57));

        Task call = h.Client.PinMessageAsync(Channel, new Snowflake(1), "pin", CancellationToken.None);
        TimeSpan due = await h.Time.WaitForTimerAsync(d => Math.Abs(d.TotalSeconds - 64.57) < 0.001);
        h.Time.Advance(due);
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(2, h.Discord.Requests.Count);
        Assert.Equal(1, h.Rest.PinCount(Channel.Value));
    }

    [Fact]
    public async Task SendAsync_Repeated429_GivesUpAfterBoundedRetries()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i <= DiscordRestClient.MaxRateLimitRetries; i++)
        {
            h.Rest.Enqueue("PUT", "/pins/", FakeResponse.RateLimited(1));
        }

        Task call = h.Client.PinMessageAsync(Channel, new Snowflake(1), null, CancellationToken.None);
        for (int i = 0; i < DiscordRestClient.MaxRateLimitRetries; i++)
        {
            await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        }

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => call.WaitAsync(TestKit.Waiter.DefaultTimeout));
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Equal(DiscordRestClient.MaxRateLimitRetries + 1, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_ExhaustedBucket_WaitsResetAfterForSameChannelOnly()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.WithBucket("pins-bucket", remaining: 0, resetAfterSeconds: 3));
        await h.Client.PinMessageAsync(Channel, new Snowflake(1), null, CancellationToken.None);

        // Another channel is another bucket (major parameter): no wait.
        await h.Client.PinMessageAsync(OtherChannel, new Snowflake(2), null, CancellationToken.None).WaitAsync(TestKit.Waiter.DefaultTimeout);
        Task sameChannel = h.Client.PinMessageAsync(Channel, new Snowflake(3), null, CancellationToken.None);
        await h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(3));
        Assert.Equal(2, h.Discord.Requests.Count);
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await sameChannel.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(3, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_GlobalLimit_51stRequestInOneSecondWaits()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i < RestRateLimiter.GlobalLimitPerSecond; i++)
        {
            await h.Client.GetGatewayBotAsync(CancellationToken.None);
        }

        Task extra = h.Client.GetGatewayBotAsync(CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await extra.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(RestRateLimiter.GlobalLimitPerSecond + 1, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_GlobalLimitUsedUp_IsExempt()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i < RestRateLimiter.GlobalLimitPerSecond; i++)
        {
            await h.Client.GetGatewayBotAsync(CancellationToken.None);
        }

        await h.Client.CreateInteractionResponseAsync(FakeInteractions.SlashCommand("ask"), new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None)
            .WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(RestRateLimiter.GlobalLimitPerSecond + 1, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_Global429_BlocksOtherRoutesUntilRetryAfter()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("POST", "/messages", FakeResponse.RateLimited(4, scope: "global"));

        Task call = h.Client.CreateMessageAsync(Channel, new InteractionCallbackData { Content = "x" }, CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4));
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(2, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_502_RetriesWithBackoffThenSucceeds()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("POST", "/messages", FakeResponse.ServerError(502));
        h.Rest.Enqueue("POST", "/messages", FakeResponse.ServerError(500));

        Task<Message> call = h.Client.CreateMessageAsync(Channel, new InteractionCallbackData { Content = "x" }, CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        Message message = await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal("x", message.Content);
        Assert.Equal(3, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task SendAsync_Persistent5xx_ThrowsAfterBoundedRetries()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i <= DiscordRestClient.MaxServerErrorRetries; i++)
        {
            h.Rest.Enqueue("POST", "/messages", FakeResponse.ServerError(503));
        }

        Task<Message> call = h.Client.CreateMessageAsync(Channel, new InteractionCallbackData { Content = "x" }, CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => call.WaitAsync(TestKit.Waiter.DefaultTimeout));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(DiscordRestClient.MaxServerErrorRetries + 1, h.Discord.Requests.Count);
    }
}
