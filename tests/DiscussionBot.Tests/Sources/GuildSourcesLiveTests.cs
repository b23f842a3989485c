using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using DiscussionBot.Sources;
using DiscussionBot.Tests.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace DiscussionBot.Tests.Sources;

/// <summary>
/// Servers' own sources end to end: the real app in live mode against the fake Discord on loopback (gateway, REST and
/// attachment CDN), a real SQLite store and the lexical engine. A document added in one server is invisible in
/// another and in DMs, for every command, autocomplete and button.
/// </summary>
public sealed class GuildSourcesLiveTests
{
    private const ulong OtherServer = 424242;
    private const string ServerText =
        "Zorblat harvest festival\n\nThe zorblat harvest festival drew farmers from every valley this autumn. " +
        "Zorblat growers traded seed and stories for three days.\n\nThe festival ended with a zorblat pie contest that the mayor judged.";

    private static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(1500);
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Words of the server's document that no command below types itself (answers echo what was typed).</summary>
    private static bool Seen(string answer) =>
        answer.Contains("harvest festival", StringComparison.OrdinalIgnoreCase) ||
        answer.Contains("mayor judged", StringComparison.OrdinalIgnoreCase) ||
        answer.Contains("traded seed", StringComparison.OrdinalIgnoreCase);

    private static async Task<(LiveHarness Live, string Added)> StartWithServerDocumentAsync()
    {
        LiveHarness live = await LiveHarness.StartAsync();
        string answer = await AddAsync(live, "festival.txt", Encoding.UTF8.GetBytes(ServerText));
        return (live, answer);
    }

    private static async Task<string> AddAsync(LiveHarness live, string name, byte[] content, Interaction? template = null)
    {
        Uri url = live.Discord.Attachments.Add(name, content);
        Interaction add = FakeInteractions.SourceAdd(url, name, content.Length);
        if (template is not null)
        {
            add = add with { GuildId = template.GuildId, Member = template.Member, User = template.User };
        }

        return await AskAsync(live, add);
    }

    private static async Task<string> AskAsync(LiveHarness live, Interaction interaction)
    {
        await live.Discord.Gateway.SendInteractionAsync(interaction);
        string body = (await live.Discord.Rest.WaitForRequestAsync(r =>
            r.Method == "POST" && r.Path.EndsWith($"/interactions/{interaction.Id}/{interaction.Token}/callback", StringComparison.Ordinal))).Body;
        return JsonNode.Parse(body)!.ToJsonString(Readable); // “quotes” and apostrophes as written, not \u escapes
    }

    [Fact]
    public async Task SourceAdd_Moderator_AddedPrivatelyAndAnsweredInline()
    {
        (LiveHarness live, string answer) = await StartWithServerDocumentAsync();
        await using (live)
        {
            JsonNode body = JsonNode.Parse(answer)!;
            Assert.Equal(4, body["type"]!.GetValue<int>());
            Assert.Equal((int)MessageFlags.Ephemeral, body["data"]!["flags"]!.GetValue<int>());
            Assert.Contains("Added: Zorblat harvest festival", answer, StringComparison.Ordinal);
            DocumentInfo stored = (await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None))
                .Single(d => d.GuildId == FakeInteractions.GuildId.Value);
            Assert.Equal("mason", stored.Owner!.UserName);
            Assert.Equal("festival.txt", stored.Owner.Origin);
            Assert.Equal(1, live.Discord.Attachments.Requests);
        }
    }

    [Fact]
    public async Task EveryCommand_DocumentAddedInServerA_SeenInAOnly()
    {
        (LiveHarness live, _) = await StartWithServerDocumentAsync();
        await using (live)
        {
            IDocumentStore store = live.Services.GetRequiredService<IDocumentStore>();
            long added = (await store.ListDocumentsAsync(CancellationToken.None)).Single(d => d.GuildId is not null).Id;
            Interaction[] commands =
            [
                FakeInteractions.SlashCommand("quote", ("query", "zorblat pie contest")),
                FakeInteractions.SlashCommand("summary", ("length", "long")),
                FakeInteractions.SlashCommand("sources"),
                FakeInteractions.SlashCommand("themes"),
                FakeInteractions.SlashCommand("theme", ("name", "zorblat")),
                FakeInteractions.Autocomplete(FakeInteractions.SlashCommand("summary", ("source", "Zorblat")), "source"),
                FakeInteractions.Autocomplete(FakeInteractions.SlashCommand("quote", ("query", "x"), ("source", "Zorblat")), "source"),
                FakeInteractions.SourceRemove("Zorblat", autocomplete: true),
            ];

            foreach (Interaction command in commands)
            {
                string inA = await AskAsync(live, FakeInteractions.Again(command));
                string inB = await AskAsync(live, FakeInteractions.InGuild(command, OtherServer));
                string inDm = await AskAsync(live, FakeInteractions.InDm(command));

                string name = command.Data!.Name + " " + command.Type;
                // Themes of two documents are one theme whose name and key terms need not show A's words; its
                // explanation does (ThemeButtons_... below).
                Assert.True(command.Data.Name is "theme" or "themes" || Seen(inA), $"{name} in server A: {inA}");
                Assert.False(Seen(inB), $"{name} in server B: {inB}");
                Assert.False(Seen(inDm), $"{name} in a DM: {inDm}");
            }

            // Ids that name A's document (a forged autocomplete value, an old Context button) do not reach it from B or a DM.
            Interaction byId = FakeInteractions.SlashCommand("summary", ("source", added.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(Seen(await AskAsync(live, byId)));
            Assert.False(Seen(await AskAsync(live, FakeInteractions.InGuild(byId, OtherServer))));
            Interaction context = Button($"context:{added}:1");
            Assert.True(Seen(await AskAsync(live, context)));
            Assert.False(Seen(await AskAsync(live, FakeInteractions.InDm(context))));
        }
    }

    [Fact]
    public async Task ThemeButtons_FromServerA_ExplainNothingOfAsDocumentInServerB()
    {
        (LiveHarness live, _) = await StartWithServerDocumentAsync();
        await using (live)
        {
            JsonNode themes = JsonNode.Parse(await AskAsync(live, FakeInteractions.SlashCommand("themes")))!;
            string[] buttons = themes["data"]!["components"]!.AsArray()
                .SelectMany(row => row!["components"]!.AsArray())
                .Select(b => b!["custom_id"]!.GetValue<string>())
                .ToArray();
            Assert.NotEmpty(buttons);

            bool seenInA = false;
            foreach (string id in buttons)
            {
                seenInA |= Seen(await AskAsync(live, Button(id)));
                Assert.False(Seen(await AskAsync(live, FakeInteractions.InGuild(Button(id), OtherServer))));
                Assert.False(Seen(await AskAsync(live, FakeInteractions.InDm(Button(id)))));
            }

            Assert.True(seenInA, "one of A's themes explains A's document");
        }
    }

    [Fact]
    public async Task SourceRemove_OwnDocument_RemovedAndNoLongerQuoted()
    {
        (LiveHarness live, _) = await StartWithServerDocumentAsync();
        await using (live)
        {
            string seedRefusal = await AskAsync(live, FakeInteractions.SourceRemove(SeedDocuments.KimTitle));
            string fromB = await AskAsync(live, FakeInteractions.InGuild(FakeInteractions.SourceRemove("Zorblat harvest festival"), OtherServer));
            string removed = await AskAsync(live, FakeInteractions.SourceRemove("Zorblat harvest festival"));
            string quote = await AskAsync(live, FakeInteractions.SlashCommand("quote", ("query", "zorblat pie contest")));

            Assert.Contains("no sources of its own", fromB, StringComparison.Ordinal);
            Assert.Contains("None of this server's own sources", seedRefusal, StringComparison.Ordinal);
            Assert.Contains("Removed “Zorblat harvest festival”", removed, StringComparison.Ordinal);
            Assert.False(Seen(quote));
            Assert.Single(await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task AddToSources_Message_StoredWithAuthorAndLink()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        var message = new Message
        {
            Id = new Snowflake(1100000000000000000),
            ChannelId = FakeInteractions.ChannelId,
            Author = new User { Id = new Snowflake(77), Username = "ana", GlobalName = "Ana" },
            Content = "The zorblat co-op meets on Fridays. Bring your own baskets.",
        };

        string answer = await AskAsync(live, FakeInteractions.MessageCommand("Add to sources", message));
        string again = await AskAsync(live, FakeInteractions.MessageCommand("Add to sources", message));
        string quote = await AskAsync(live, FakeInteractions.SlashCommand("quote", ("query", "zorblat co-op Fridays")));

        Assert.Contains("Added: Message by Ana", answer, StringComparison.Ordinal);
        Assert.Contains("already in this server's sources", again, StringComparison.Ordinal);
        Assert.Contains("zorblat co-op meets on Fridays", quote, StringComparison.Ordinal);
        DocumentInfo stored = (await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None)).Single(d => d.GuildId is not null);
        Assert.Equal($"https://discord.com/channels/{FakeInteractions.GuildId}/{FakeInteractions.ChannelId}/{message.Id}", stored.Owner!.Origin);
        Assert.Equal("mason", stored.Owner.UserName);
    }

    [Fact]
    public async Task SourceAdd_Refusals_PoliteAndPrivateNothingStored()
    {
        await using LiveHarness live = await LiveHarness.StartAsync(services => services.Configure<GuildSourceLimits>(o => o.MaxFileBytes = 2000));
        FakeDiscordServer discord = live.Discord;
        Uri elsewhere = new UriBuilder(discord.Attachments.Add("elsewhere.txt", Encoding.UTF8.GetBytes(ServerText)))
        {
            Host = discord.BaseUri.Host == "localhost" ? "127.0.0.1" : "localhost",
        }.Uri;
        Interaction member = FakeInteractions.SlashCommand("x");

        var answers = new Dictionary<string, string>
        {
            ["outside allow-list"] = await AskAsync(live, FakeInteractions.SourceAdd(elsewhere, "elsewhere.txt", 100)),
            ["too large"] = await AddAsync(live, "big.txt", Encoding.UTF8.GetBytes(new string('a', 3000))),
            ["pdf without text"] = await AddAsync(live, "scan.pdf", PdfWithoutText()),
            ["not a format"] = await AskAsync(live, FakeInteractions.SourceAdd(discord.Attachments.Add("notes.docx", [1, 2]), "notes.docx", 2)),
            ["no rights"] = await AddAsync(live, "a.txt", Encoding.UTF8.GetBytes(ServerText), member with { Member = member.Member! with { Permissions = "0" } }),
            ["dm"] = await AskAsync(live, FakeInteractions.InDm(FakeInteractions.SourceAdd(discord.Attachments.Add("b.txt", Encoding.UTF8.GetBytes(ServerText)), "b.txt", 10))),
        };

        Assert.Contains("only download attachments from Discord", answers["outside allow-list"], StringComparison.Ordinal);
        Assert.Contains("Sources:MaxFileBytes", answers["too large"], StringComparison.Ordinal);
        Assert.True(answers["pdf without text"].Contains("no text layer", StringComparison.Ordinal), answers["pdf without text"]);
        Assert.Contains("PDF", answers["not a format"], StringComparison.Ordinal);
        Assert.Contains("Only moderators", answers["no rights"], StringComparison.Ordinal);
        Assert.Contains("not in a DM", answers["dm"], StringComparison.Ordinal);
        foreach (string answer in answers.Values)
        {
            JsonNode body = JsonNode.Parse(answer)!;
            Assert.Equal((int)MessageFlags.Ephemeral, body["data"]!["flags"]!.GetValue<int>());
            Assert.DoesNotContain("Exception", answer, StringComparison.Ordinal);
        }

        Assert.Equal(1, discord.Attachments.Requests); // only the PDF was fetched; the rest were refused before any request
        Assert.Single(await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task SourceAdd_BrokenHtmlThenTheSameText_StoredOnceThenSameTextAs()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        byte[] html = Encoding.UTF8.GetBytes("<html><head><title>Zorblat fair</title></head><body><h1>Zorblat fair</h1><p>The zorblat fair opened <b>early this year.<p>Stalls sold pies");

        string first = await AddAsync(live, "fair.html", html);
        string second = await AddAsync(live, "fair-copy.html", html);

        Assert.Contains("Added: Zorblat fair", first, StringComparison.Ordinal);
        Assert.Contains("same text as “Zorblat fair”", second, StringComparison.Ordinal);
        SourceDocument stored = (await live.Services.GetRequiredService<IDocumentStore>().GetDocumentAsync(
            (await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None)).Single(d => d.GuildId is not null).Id,
            CancellationToken.None))!;
        Assert.DoesNotContain("<", stored.Text, StringComparison.Ordinal);
        Assert.Contains("The zorblat fair opened early this year.", stored.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAdd_LimitReached_SaysWhichLimit()
    {
        await using LiveHarness live = await LiveHarness.StartAsync(services => services.Configure<GuildSourceLimits>(o => o.MaxDocumentsPerGuild = 1));

        await AddAsync(live, "one.txt", Encoding.UTF8.GetBytes(ServerText));
        string refused = await AddAsync(live, "two.txt", Encoding.UTF8.GetBytes("Another story\n\nA different text about turnips entirely."));

        Assert.Contains("Sources:MaxDocumentsPerGuild", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAdd_ConfiguredRoleWithoutManageServer_Allowed()
    {
        await using LiveHarness live = await LiveHarness.StartAsync(services => services.Configure<SourceModeratorOptions>(o => o.ModeratorRoleIds = [555]));
        Interaction member = FakeInteractions.SlashCommand("x");

        string answer = await AddAsync(live, "a.txt", Encoding.UTF8.GetBytes(ServerText), member with
        {
            Member = member.Member! with { Permissions = "0", Roles = [new Snowflake(555)] },
        });

        Assert.Contains("Added:", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAdd_SlowServer_DeferredPrivatelyThenToldItTookTooLong()
    {
        await using LiveHarness live = await LiveHarness.StartAsync();
        FakeDiscordServer discord = live.Discord;
        var never = new TaskCompletionSource();
        try
        {
            byte[] content = Encoding.UTF8.GetBytes(ServerText);
            Interaction add = FakeInteractions.SourceAdd(discord.Attachments.Add("slow.txt", content, stallUntil: never.Task), "slow.txt", content.Length);

            await live.Discord.Gateway.SendInteractionAsync(add);
            await discord.Attachments.Arrivals.UntilAsync(() => discord.Attachments.Requests == 1, "the download");
            await live.Time.AdvanceWhenWaitingAsync(DeferAfter);
            RecordedRequest deferral = await live.Discord.Rest.WaitForRequestAsync(r => r.Path.EndsWith($"/{add.Token}/callback", StringComparison.Ordinal));
            live.Time.Advance(TimeSpan.FromSeconds(10));
            RecordedRequest edit = await live.Discord.Rest.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains(add.Token, StringComparison.Ordinal));

            JsonNode body = JsonNode.Parse(deferral.Body)!;
            Assert.Equal(5, body["type"]!.GetValue<int>());
            Assert.Equal((int)MessageFlags.Ephemeral, body["data"]!["flags"]!.GetValue<int>());
            Assert.Contains("took longer than 10 seconds", edit.Body, StringComparison.Ordinal);
            Assert.Single(await live.Services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(CancellationToken.None));
        }
        finally
        {
            never.TrySetResult();
        }
    }

    private static Interaction Button(string customId) => FakeInteractions.Again(FakeInteractions.SlashCommand("x") with
    {
        Type = InteractionType.MessageComponent,
        Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
        Message = new Message { Id = new Snowflake(555), ChannelId = FakeInteractions.ChannelId },
    });

    private static byte[] PdfWithoutText()
    {
        var builder = new PdfDocumentBuilder();
        PdfPageBuilder page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 300);
        return builder.Build();
    }
}
