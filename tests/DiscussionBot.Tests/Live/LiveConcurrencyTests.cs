using System.Text.Json.Nodes;
using System.Threading.Channels;
using DiscussionBot.Core.Answers;
using DiscussionBot.Discord.Gateway;
using DiscussionBot.Discord.Models;
using DiscussionBot.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Tests.Live;

/// <summary>
/// The live path under a synchronously blocking engine (as the real engines compute): deferral still happens on time,
/// and a slow answer never holds up another member's fast one.
/// </summary>
public sealed class LiveConcurrencyTests
{
    private static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);

    [Fact]
    public async Task SlowAnswer_BlockingEngine_OtherMembersSourcesAnsweredAtOnceSlowOneDeferredThenEdited()
    {
        using var engine = new BlockingSummaryEngine();
        await using LiveHarness live = await StartArmedAsync(engine);
        Interaction slow = FakeInteractions.SlashCommand("summary");
        Interaction fast = OtherMember(FakeInteractions.SlashCommand("sources"));

        await SendWhileSlowComputesAsync(live, engine, slow, fast);
        RecordedRequest fastAnswer = await WaitForCallbackAsync(live, fast);

        // No time has passed on the bot's clock: the fast answer came while the slow one was still computing.
        Assert.Equal(4, JsonNode.Parse(fastAnswer.Body)!["type"]!.GetValue<int>());
        Assert.DoesNotContain(live.Discord.Requests, r => r.Path.Contains(slow.Token, StringComparison.Ordinal));

        await live.Time.AdvanceWhenWaitingAsync(DeferAfter);
        RecordedRequest deferral = await WaitForCallbackAsync(live, slow);
        engine.Release();
        RecordedRequest edit = await live.Discord.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal));

        Assert.Equal(5, JsonNode.Parse(deferral.Body)!["type"]!.GetValue<int>());
        Assert.Null(JsonNode.Parse(deferral.Body)!["data"]?["flags"]);
        Assert.Contains("Summary of all sources", edit.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowPrivateAnswer_BlockingHandler_DeferredEphemerally()
    {
        using var engine = new BlockingSummaryEngine();
        await using LiveHarness live = await StartArmedAsync(engine);
        // /pin-summary replies privately (the moderator's confirmation); it summarizes first, so it blocks too.
        Interaction slow = Moderator(FakeInteractions.SlashCommand("pin-summary"));

        await live.Discord.Gateway.SendInteractionAsync(slow);
        await engine.Entered.WaitAsync(Waiter.DefaultTimeout);
        await live.Time.AdvanceWhenWaitingAsync(DeferAfter);
        RecordedRequest deferral = await WaitForCallbackAsync(live, slow);
        engine.Release();
        await live.Discord.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal));

        JsonNode body = JsonNode.Parse(deferral.Body)!;
        Assert.Equal(5, body["type"]!.GetValue<int>());
        Assert.Equal((int)MessageFlags.Ephemeral, body["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task QueuedInteraction_WindowPassedWhileWaitingForASlot_DroppedNotAnswered()
    {
        using var engine = new BlockingSummaryEngine();
        await using LiveHarness live = await StartArmedAsync(engine, o =>
        {
            o.MaxConcurrentInteractions = 1;
            o.MaxDeferredInteractions = 0;
        });
        Interaction slow = FakeInteractions.SlashCommand("summary");
        Interaction queued = OtherMember(FakeInteractions.SlashCommand("sources"));

        await SendWhileSlowComputesAsync(live, engine, slow, queued);
        // Received (and stamped) by the gateway before the clock moves: it waits in the queue for the only slot.
        ChannelReader<ReceivedInteraction> queue = live.Services.GetRequiredService<GatewayClient>().Interactions;
        Assert.True(await Task.Run(() => SpinWait.SpinUntil(() => queue.Count == 1, Waiter.DefaultTimeout)), "the queued interaction never arrived");
        await live.Time.AdvanceWhenWaitingAsync(DeferAfter);
        await WaitForCallbackAsync(live, slow);
        live.Time.Advance(DiscordLimits.InitialResponseDeadline - DeferAfter);
        engine.Release();
        await live.Logs.WaitForAsync(e => e.EventId.Id == 3024, "the too-late warning");

        // Its deadline counted from receipt by the gateway, not from when a slot freed up.
        Assert.DoesNotContain(live.Discord.Requests, r => r.Path.Contains(queued.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeferredAnswer_HandsItsSlotBack_QueuedFastOneAnsweredWhileSlowStillComputes()
    {
        using var engine = new BlockingSummaryEngine();
        await using LiveHarness live = await StartArmedAsync(engine, o =>
        {
            o.MaxConcurrentInteractions = 1;
            o.MaxDeferredInteractions = 1;
        });
        Interaction slow = FakeInteractions.SlashCommand("summary");
        Interaction queued = OtherMember(FakeInteractions.SlashCommand("sources"));

        await SendWhileSlowComputesAsync(live, engine, slow, queued);
        await live.Time.AdvanceWhenWaitingAsync(DeferAfter);
        await WaitForCallbackAsync(live, slow);
        // Its 1.5 s from receipt have passed too, so it may be deferred itself; either way its answer arrives now.
        RecordedRequest fast = await live.Discord.Rest.WaitForRequestAsync(r => r.Path.Contains(queued.Token, StringComparison.Ordinal) &&
            (r.Method == "PATCH" || JsonNode.Parse(r.Body)?["type"]?.GetValue<int>() == 4));

        Assert.Contains(SeedDocuments.KimTitle, fast.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Discord.Requests, r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal));
        engine.Release();
        await live.Discord.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(slow.Token, StringComparison.Ordinal));
    }

    /// <summary>A started live host whose summary engine blocks from now on (after the warm-up) until the test releases it.</summary>
    private static async Task<LiveHarness> StartArmedAsync(BlockingSummaryEngine engine, Action<LiveOptions>? configure = null)
    {
        LiveHarness live = await LiveHarness.StartAsync(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<ISummaryEngine>(engine));
            if (configure is not null)
            {
                s.Configure(configure);
            }
        });
        engine.Arm();
        return live;
    }

    /// <summary>Sends the slow interaction, waits until its engine call is computing, then sends the other one.</summary>
    private static async Task SendWhileSlowComputesAsync(LiveHarness live, BlockingSummaryEngine engine, Interaction slow, Interaction other)
    {
        await live.Discord.Gateway.SendInteractionAsync(slow);
        await engine.Entered.WaitAsync(Waiter.DefaultTimeout);
        await live.Discord.Gateway.SendInteractionAsync(other);
    }

    private static Interaction OtherMember(Interaction interaction) => interaction with
    {
        Member = interaction.Member! with { User = new User { Id = new Snowflake(80351110224678912), Username = "ada" } },
    };

    private static Interaction Moderator(Interaction interaction) => interaction with
    {
        AppPermissions = PermissionsFormat.Format(Permissions.ViewChannel | Permissions.SendMessages | Permissions.EmbedLinks | Permissions.ReadMessageHistory | Permissions.PinMessages),
        Member = interaction.Member! with { Permissions = PermissionsFormat.Format(Permissions.PinMessages) },
    };

    private static Task<RecordedRequest> WaitForCallbackAsync(LiveHarness live, Interaction interaction) =>
        live.Discord.Rest.WaitForRequestAsync(r => r.Method == "POST" && r.Path.EndsWith($"/interactions/{interaction.Id}/{interaction.Token}/callback", StringComparison.Ordinal));
}
