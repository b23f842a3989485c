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
        await h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(2.5) + Margin);
        Assert.Single(h.Discord.Requests);
        h.Time.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Single(h.Discord.Requests);
        h.Time.Advance(Margin);
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
        TimeSpan due = await h.Time.WaitForTimerAsync(d => Math.Abs((d - Margin).TotalSeconds - 64.57) < 0.001);
        h.Time.Advance(due);
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(2, h.Discord.Requests.Count);
        Assert.Equal(1, h.Rest.PinCount(Channel.Value));
    }

    [Fact]
    public async Task PinMessageAsync_429_CountedWithItsScopeAndTheWaitMeasured()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        using var recorder = new TestKit.MeasurementRecorder(h.MeterFactory, DiscordMetrics.MeterName);
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.RateLimited(64.57));

        Task call = h.Client.PinMessageAsync(Channel, new Snowflake(1), "pin", CancellationToken.None);
        h.Time.Advance(await h.Time.WaitForTimerAsync(d => d > TimeSpan.FromSeconds(60)));
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        TestKit.MeasurementRecorder.Measurement limited = await recorder.WaitForAsync("discussionbot.discord.rest.rate_limited");
        TestKit.MeasurementRecorder.Measurement waited = await recorder.WaitForAsync("discussionbot.discord.rest.rate_limit_wait.duration");
        Assert.Equal("user", limited.Tags["scope"]);
        Assert.InRange(waited.Value, 64.57, 64.7);
        Assert.Equal("bucket", waited.Tags["limit"]);
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
            await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1) + Margin);
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
        await h.Time.WaitForTimerAsync(d => d == TimeSpan.FromSeconds(3) + Margin);
        Assert.Equal(2, h.Discord.Requests.Count);
        h.Time.Advance(TimeSpan.FromSeconds(3) + Margin);
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
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4) + Margin);
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(2, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task PinMessageAsync_502_RetriesWithBackoffThenSucceeds()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.ServerError(502));
        h.Rest.Enqueue("PUT", "/pins/", FakeResponse.ServerError(500));

        Task call = h.Client.PinMessageAsync(Channel, new Snowflake(1), null, CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await call.WaitAsync(TestKit.Waiter.DefaultTimeout);

        Assert.Equal(3, h.Discord.Requests.Count);
        Assert.Equal(1, h.Rest.PinCount(Channel.Value));
    }

    [Fact]
    public async Task PinMessageAsync_Persistent5xx_ThrowsAfterBoundedRetries()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i <= DiscordRestClient.MaxServerErrorRetries; i++)
        {
            h.Rest.Enqueue("PUT", "/pins/", FakeResponse.ServerError(503));
        }

        Task call = h.Client.PinMessageAsync(Channel, new Snowflake(1), null, CancellationToken.None);
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(2));
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(4));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => call.WaitAsync(TestKit.Waiter.DefaultTimeout));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(DiscordRestClient.MaxServerErrorRetries + 1, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task CreateMessageAsync_502_NotRetriedSoNoDuplicatePost()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        // The gateway may have created the message before it failed: a retry could post the summary twice.
        h.Rest.Enqueue("POST", "/messages", FakeResponse.ServerError(502));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client
            .CreateMessageAsync(Channel, new InteractionCallbackData { Content = "x" }, CancellationToken.None)
            .WaitAsync(TestKit.Waiter.DefaultTimeout));

        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Single(h.Discord.Requests);
        Assert.DoesNotContain(h.Time.CreatedTimers, d => d >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CreateFollowupMessageAsync_500_NotRetried()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/webhooks/", FakeResponse.ServerError(500));

        await Assert.ThrowsAsync<DiscordApiException>(() => h.Client
            .CreateFollowupMessageAsync(interaction, new InteractionCallbackData { Content = "x" }, CancellationToken.None)
            .WaitAsync(TestKit.Waiter.DefaultTimeout));

        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_5xx_RetriedOnlyWhileTheWindowLasts()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.ServerError(500));
        h.Rest.Enqueue("POST", "/callback", FakeResponse.ServerError(503));
        long windowCloses = h.Time.GetTimestamp() + (long)(2.5 * h.Time.TimestampFrequency);

        Task call = h.Client.CreateInteractionResponseAsync(
            interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), windowCloses, CancellationToken.None);
        // 1 s back-off ends inside the window: one retry. The next (2 s) would end past it: none.
        await h.Time.AdvanceWhenWaitingAsync(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => call.WaitAsync(TestKit.Waiter.DefaultTimeout));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal(2, h.Discord.Requests.Count);
        Assert.DoesNotContain(TimeSpan.FromSeconds(2), h.Time.CreatedTimers);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_5xxWithWindowAlmostGone_NotRetried()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.ServerError(502));
        long windowCloses = h.Time.GetTimestamp() + (long)(0.5 * h.Time.TimestampFrequency);

        await Assert.ThrowsAsync<DiscordApiException>(() => h.Client
            .CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), windowCloses, CancellationToken.None)
            .WaitAsync(TestKit.Waiter.DefaultTimeout));

        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task CreateInteractionResponseAsync_429PastTheWindow_NotRetried()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("ask");
        h.Rest.Enqueue("POST", "/callback", FakeResponse.RateLimited(5));

        var ex = await Assert.ThrowsAsync<DiscordApiException>(() => h.Client
            .CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None)
            .WaitAsync(TestKit.Waiter.DefaultTimeout));

        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Single(h.Discord.Requests);
    }

    [Fact]
    public async Task BucketTable_ThousandsOfInteractions_StaysBounded()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        const int Interactions = 2000;
        for (int i = 0; i < Interactions; i++)
        {
            // Every interaction is its own major parameter: a callback, then an edit of @original, each in a named bucket.
            Interaction interaction = FakeInteractions.SlashCommand("ask");
            h.Rest.Enqueue("POST", $"/interactions/{interaction.Id}/", FakeResponse.WithBucket("callback-bucket", remaining: 4, resetAfterSeconds: 1));
            h.Rest.Enqueue("PATCH", interaction.Token, FakeResponse.WithBucket("webhook-bucket", remaining: 4, resetAfterSeconds: 1));
            await h.Client.CreateInteractionResponseAsync(interaction, new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);
            await h.Client.EditOriginalResponseAsync(interaction, new InteractionCallbackData { Content = "done" }, CancellationToken.None);
            h.Time.Advance(TimeSpan.FromMilliseconds(50));
        }

        // 20 interactions a second, buckets resetting after 1 s: about 40 are live at any time.
        Assert.InRange(h.Limiter.BucketCount, 1, 4 * RestRateLimiter.SweepThreshold);
        Assert.Equal(2 * Interactions, h.Discord.Requests.Count);
    }

    [Fact]
    public async Task BucketTable_AfterQuietPeriod_SweptBackToFewBuckets()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        for (int i = 0; i < 3 * RestRateLimiter.SweepThreshold; i++)
        {
            // No rate-limit headers: nothing to remember once the request is done.
            await h.Client.CreateInteractionResponseAsync(FakeInteractions.SlashCommand("ask"), new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);
        }

        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.Client.CreateInteractionResponseAsync(FakeInteractions.SlashCommand("ask"), new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource), CancellationToken.None);

        Assert.InRange(h.Limiter.BucketCount, 1, RestRateLimiter.SweepThreshold);
    }

    private static readonly TimeSpan Margin = RestRateLimiter.ResetSafetyMargin;
}
