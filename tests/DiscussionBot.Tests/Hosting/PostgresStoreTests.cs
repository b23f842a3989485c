using System.Net;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using DiscussionBot.Tests.Cli;
using DiscussionBot.Tests.Http;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Tests.Hosting;

/// <summary>Store:Provider=Postgres through the real app, on the test PostgreSQL server (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresStoreTests
{
    [SkippableFact]
    public async Task Ask_PostgresProvider_SeedsTheSharedStoreAndAnswers()
    {
        (string connectionString, Func<ValueTask> drop) = await PostgresServer.CreateDatabaseAsync();
        try
        {
            using var app = new AppFixture();
            app.Settings["Store:Provider"] = "Postgres";
            app.Settings["Store:ConnectionString"] = connectionString;

            (int exit, string output, string error) = await app.RunAsync("ask", "/sources");
            (int again, string sources, _) = await app.RunAsync("sources");

            Assert.Equal(0, exit);
            Assert.Contains(SeedDocuments.KimTitle, output, StringComparison.Ordinal);
            Assert.StartsWith("Built the store from", error, StringComparison.Ordinal);
            Assert.Equal(0, again);
            Assert.Contains(SeedDocuments.KimFileName, sources, StringComparison.Ordinal);
            Assert.False(File.Exists(app.StorePath), "no SQLite file is created with the Postgres provider");
        }
        finally
        {
            await drop();
        }
    }

    [Fact]
    public async Task Ask_PostgresUnreachable_OneLineErrorWithoutThePassword()
    {
        using var app = new AppFixture();
        app.Settings["Store:Provider"] = "Postgres";
        app.Settings["Store:ConnectionString"] = "Host=127.0.0.1;Port=9;Username=bot;Password=hunter2-SECRET;Timeout=2";

        (int exit, string output, string error) = await app.RunAsync("ask", "/sources");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        string line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("Error: the store (PostgreSQL at 127.0.0.1:9/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BadProvider_ConfigurationErrorNamingTheKey()
    {
        using var app = new AppFixture();
        app.Settings["Store:Provider"] = "Oracle";

        (int exit, _, string error) = await app.RunAsync("sources");

        Assert.Equal(1, exit);
        Assert.StartsWith("Configuration error:", error, StringComparison.Ordinal);
        Assert.Contains("Store:Provider", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// Two Http-mode replicas over one PostgreSQL; the test plays the load balancer, sending signed interactions to each
    /// in turn. What one replica writes (a pin, a new source) the other serves at its next command: both read the
    /// shared revision on every command, so the staleness is one command, far inside the 5 s bound.
    /// </summary>
    [SkippableFact]
    public async Task TwoReplicas_OneDatabase_PinAndNewSourceThroughOneSeenThroughTheOther()
    {
        (string connectionString, Func<ValueTask> drop) = await PostgresServer.CreateDatabaseAsync();
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var folder = new TemporaryFolder();
        using var signer = new InteractionSigner();
        var shared = new Dictionary<string, string?> { ["Store:Provider"] = "Postgres", ["Store:ConnectionString"] = connectionString };
        try
        {
            await using HttpBot first = await HttpBot.StartAsync(shared, signer: signer, discord: discord, folder: folder);
            await using HttpBot second = await HttpBot.StartAsync(shared, signer: signer, discord: discord, folder: folder);

            JsonNode pinned = await AnswerAsync(first, Moderator(FakeInteractions.SlashCommand("pin-summary", ("length", "short"))));
            JsonNode pins = await AnswerAsync(second, Moderator(FakeInteractions.SlashCommand("pins")));
            JsonNode before = await AnswerAsync(second, FakeInteractions.SlashCommand("quote", ("query", "lighthouse keeper")));
            string text = "The lighthouse keeper retired after forty years. The town threw him a party on the pier.";
            await first.Live.Services.GetRequiredService<IngestionService>()
                .IngestAsync([new IncomingDocument("added/lighthouse.txt", "Lighthouse", text, SourceFileReader.HashText(text))], CancellationToken.None);
            JsonNode after = await AnswerAsync(second, FakeInteractions.SlashCommand("quote", ("query", "lighthouse keeper")));

            Assert.Contains("Posted and pinned", pinned.ToJsonString(), StringComparison.Ordinal);
            string postedId = discord.Rest.ChannelMessages.Single()["id"]!.GetValue<string>();
            Assert.Contains(postedId, pins.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain("lighthouse keeper retired", before.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains("The lighthouse keeper retired after forty years.", after.ToJsonString(), StringComparison.Ordinal);
        }
        finally
        {
            await drop();
        }
    }

    private static async Task<JsonNode> AnswerAsync(HttpBot bot, Interaction interaction)
    {
        using HttpResponseMessage response = await bot.PostAsync(bot.Signer.Request(bot.Endpoint, InteractionSigner.Body(interaction)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(4, body["type"]!.GetValue<int>());
        return body;
    }

    private static Interaction Moderator(Interaction interaction) => interaction with
    {
        AppPermissions = PermissionsFormat.Format(Permissions.ViewChannel | Permissions.SendMessages | Permissions.EmbedLinks | Permissions.ReadMessageHistory | Permissions.PinMessages),
        Member = interaction.Member! with { Permissions = PermissionsFormat.Format(Permissions.PinMessages) },
    };
}
