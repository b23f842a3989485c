using System.Text;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;
using DiscussionBot.Sources;
using DiscussionBot.Tests.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using DiscussionBot.Text.Embeddings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Tests.Sources;

/// <summary>
/// <c>/source add</c> in embedding mode through the fake Discord: the member's answer waits for the words-only analysis,
/// never for the sentence encoder (held here, as a slow model would be); the vectors arrive in the background, after
/// which a question that shares no word with the document finds it. Removal while pending and a restart with a
/// document still waiting. Real app in live mode, real SQLite, fake time (never advanced: nothing here is deferred).
/// </summary>
public sealed class DeferredVectorsLiveTests
{
    private const string MotorShow =
        "Motor show opens\n\nThe motor show opened with forty new cars on display. Dealers said cars sold faster than last spring.\n\n" +
        "Visitors queued for test drives all weekend. The organisers counted twelve thousand tickets.";

    private static readonly IReadOnlyDictionary<string, string?> Embedding = new Dictionary<string, string?> { ["Engine:Mode"] = "Embedding" };

    private static Task<LiveHarness> StartAsync(ConceptEmbedder embedder, TemporaryFolder? folder = null, FakeDiscordServer? discord = null) =>
        LiveHarness.StartAsync(
            services => services.Replace(ServiceDescriptor.Singleton<ISentenceEmbedder>(embedder)),
            folder,
            discord,
            settings: Embedding);

    private static async Task<string> AskAsync(LiveHarness live, Interaction interaction)
    {
        await live.Discord.Gateway.SendInteractionAsync(interaction);
        return (await live.Discord.Rest.WaitForRequestAsync(r =>
            r.Method == "POST" && r.Path.EndsWith($"/interactions/{interaction.Id}/{interaction.Token}/callback", StringComparison.Ordinal))).Body;
    }

    private static Task<string> AddMotorShowAsync(LiveHarness live)
    {
        byte[] content = Encoding.UTF8.GetBytes(MotorShow);
        return AskAsync(live, FakeInteractions.SourceAdd(live.Discord.Attachments.Add("motor.txt", content), "motor.txt", content.Length));
    }

    private static Task<string> QuoteAsync(LiveHarness live, string query) =>
        AskAsync(live, FakeInteractions.SlashCommand("quote", ("query", query)));

    /// <summary>Words of the document that no question below types (answers echo the question).</summary>
    private static bool QuotesMotorShow(string answer) => answer.Contains("cars sold faster", StringComparison.Ordinal) ||
                                                          answer.Contains("forty new cars", StringComparison.Ordinal);

    /// <summary>Waits until the worker has taken <paramref name="count"/> documents off its queue and finished with them.</summary>
    private static async Task<BackgroundAnalysisService> HandledAsync(LiveHarness live, int count)
    {
        var worker = live.Services.GetRequiredService<BackgroundAnalysisService>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.Processed += (_, _) =>
        {
            if (worker.Handled >= count)
            {
                done.TrySetResult();
            }
        };
        if (worker.Handled < count)
        {
            await done.Task.WaitAsync(Waiter.DefaultTimeout);
        }

        return worker;
    }

    private static async Task<DocumentInfo?> ServerDocumentAsync(LiveHarness live) =>
        (await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None)).SingleOrDefault(d => d.GuildId is not null);

    [Fact]
    public async Task SourceAdd_EncoderHeld_AnsweredInlineBeforeAnyVectorThenFoundByMeaningOnceStored()
    {
        using var embedder = new ConceptEmbedder();
        await using LiveHarness live = await StartAsync(embedder);
        embedder.HoldPassages();

        string added = await AddMotorShowAsync(live);
        await embedder.Entered.WaitAsync(Waiter.DefaultTimeout); // the worker is inside the encoder now
        DocumentInfo pending = (await ServerDocumentAsync(live))!;
        string byWords = await QuoteAsync(live, "dealers last spring");
        string byMeaningBefore = await QuoteAsync(live, "automobile");
        embedder.Release();
        BackgroundAnalysisService worker = await HandledAsync(live, 1);
        string byMeaningAfter = await QuoteAsync(live, "automobile");

        JsonNode answer = JsonNode.Parse(added)!;
        Assert.Equal(4, answer["type"]!.GetValue<int>()); // inline: not deferred, although the encoder never returned
        Assert.Equal((int)MessageFlags.Ephemeral, answer["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("Added: Motor show opens", added, StringComparison.Ordinal);
        Assert.Contains("matching by meaning is being prepared in the background", added, StringComparison.Ordinal);
        Assert.False(pending.HasVectors);
        Assert.True(QuotesMotorShow(byWords), byWords);
        Assert.False(QuotesMotorShow(byMeaningBefore), byMeaningBefore);
        Assert.Equal(1, worker.Completed);
        Assert.True((await ServerDocumentAsync(live))!.HasVectors);
        Assert.True(QuotesMotorShow(byMeaningAfter), byMeaningAfter);
    }

    [Fact]
    public async Task SourceRemove_WhileVectorsPending_RemovedAndNothingWrittenAfter()
    {
        using var embedder = new ConceptEmbedder();
        await using LiveHarness live = await StartAsync(embedder);
        embedder.HoldPassages();
        await AddMotorShowAsync(live);
        await embedder.Entered.WaitAsync(Waiter.DefaultTimeout);

        string removed = await AskAsync(live, FakeInteractions.SourceRemove("Motor show opens"));
        long revision = await live.Services.GetRequiredService<IDocumentStore>().GetRevisionAsync(CancellationToken.None);
        embedder.Release();
        BackgroundAnalysisService worker = await HandledAsync(live, 1);

        Assert.Contains("Removed \\u201CMotor show opens", removed, StringComparison.Ordinal);
        Assert.Equal(0, worker.Completed);
        Assert.Null(await ServerDocumentAsync(live));
        Assert.Equal(revision, await live.Services.GetRequiredService<IDocumentStore>().GetRevisionAsync(CancellationToken.None));
        Assert.False(QuotesMotorShow(await QuoteAsync(live, "dealers last spring")));
    }

    [Fact]
    public async Task Restart_DocumentLeftWithoutVectors_QueuedAgainAndCompletedSeedsNotReanalysed()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var folder = new TemporaryFolder();
        using (var first = new ConceptEmbedder())
        {
            await using LiveHarness before = await StartAsync(first, folder, discord);
            first.HoldPassages();
            await AddMotorShowAsync(before);
            await first.Entered.WaitAsync(Waiter.DefaultTimeout);
            // Stopping the host cancels the held encoder call: the document stays words-only in the store.
        }

        using var second = new ConceptEmbedder();
        await using LiveHarness after = await StartAsync(second, folder, discord);
        BackgroundAnalysisService worker = await HandledAsync(after, 1);

        Assert.Equal(1, worker.Completed);
        Assert.True((await ServerDocumentAsync(after))!.HasVectors);
        Assert.Equal(2, second.PassageCalls); // the waiting document's sentences and key phrases; the seeds were current
        Assert.True(QuotesMotorShow(await QuoteAsync(after, "automobile")));
    }
}
