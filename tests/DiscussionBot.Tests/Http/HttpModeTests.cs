using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Discord.Models;
using DiscussionBot.Http;
using DiscussionBot.Tests.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Tests.Http;

/// <summary>
/// The real app host in Http mode on a real Kestrel (127.0.0.1, port 0): TestKit signs interactions as Discord does and
/// POSTs them; answers come back in the response body, or as a deferral there and the answer by REST to the fake Discord.
/// </summary>
public sealed class HttpModeTests
{
    private static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task Ping_SignedCorrectly_AnsweredWithPong()
    {
        await using HttpBot bot = await HttpBot.StartAsync();

        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.PingBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ping_SignedTimestampOutsideTheReplayWindow_Refused401ThoughTheSignatureIsValid()
    {
        await using HttpBot bot = await HttpBot.StartAsync();
        string signedAt = bot.Live.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        bot.Live.Time.Advance(TimeSpan.FromMinutes(4));
        using HttpResponseMessage recent = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.PingBody, timestamp: signedAt));
        bot.Live.Time.Advance(TimeSpan.FromMinutes(2));
        using HttpResponseMessage replayed = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.PingBody, timestamp: signedAt));
        string future = bot.Live.Time.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using HttpResponseMessage fromTheFuture = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.PingBody, timestamp: future));

        Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fromTheFuture.StatusCode);
    }

    [Fact]
    public async Task Ping_WithoutSignatureHeaders_Refused401()
    {
        await using HttpBot bot = await HttpBot.StartAsync();

        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.PingBody, signed: false));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Command_BodyTamperedAfterSigning_Refused401AndNeverAnswered()
    {
        await using HttpBot bot = await HttpBot.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("sources");
        using HttpRequestMessage request = bot.Signer.Request(bot.Endpoint, InteractionSigner.Body(interaction));
        byte[] tampered = InteractionSigner.Body(interaction with { GuildId = new Snowflake(1) });
        request.Content = new ByteArrayContent(tampered);

        using HttpResponseMessage response = await bot.PostAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(bot.Live.Discord.Requests, r => r.Path.Contains(interaction.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ping_SignedByAnotherKey_Refused401()
    {
        await using HttpBot bot = await HttpBot.StartAsync();
        using var stranger = new InteractionSigner();

        using HttpResponseMessage response = await bot.PostAsync(stranger.Request(bot.Endpoint, InteractionSigner.PingBody));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Body_LargerThanTheLimit_Refused413()
    {
        await using HttpBot bot = await HttpBot.StartAsync(new() { ["Http:MaxRequestBodyBytes"] = "4096" });
        byte[] large = Encoding.UTF8.GetBytes(new string(' ', 5000) + "{}");

        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, large));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Command_ReadyInTime_AnsweredInTheResponseBodyNotByCallback()
    {
        await using HttpBot bot = await HttpBot.StartAsync();
        Interaction interaction = FakeInteractions.SlashCommand("sources");

        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.Body(interaction)));

        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, body["type"]!.GetValue<int>());
        Assert.Contains(SeedDocuments.KimTitle, body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Live.Discord.Requests, r => r.Path.Contains(interaction.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlowCommand_BlockingEngine_DeferredInTheBodyThenAnswerEditedInByRest()
    {
        using var engine = new BlockingSummaryEngine();
        await using HttpBot bot = await HttpBot.StartAsync(services: s => s.Replace(ServiceDescriptor.Singleton<ISummaryEngine>(engine)));
        engine.Arm();
        Interaction slow = FakeInteractions.SlashCommand("summary");

        Task<HttpResponseMessage> posting = bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.Body(slow)));
        await engine.Entered.WaitAsync(Waiter.DefaultTimeout);
        await bot.Live.Time.AdvanceWhenWaitingAsync(DeferAfter);
        using HttpResponseMessage response = await posting.WaitAsync(Waiter.DefaultTimeout);
        engine.Release();
        RecordedRequest edit = await bot.Live.Discord.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal));

        Assert.Equal(5, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]!.GetValue<int>());
        Assert.Contains("Summary of all sources", edit.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Live.Discord.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_HttpMode_DoesNotRegisterCommands()
    {
        await using HttpBot bot = await HttpBot.StartAsync();

        Assert.DoesNotContain(bot.Live.Discord.Requests, r => r.Path.Contains("/commands", StringComparison.Ordinal));
    }
}
