using System.Diagnostics.Metrics;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Hosting;
using DiscussionBot.Metrics;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Tests.Hosting;

/// <summary>Ingestion counted in the bot's metrics, through the app's own registration: files (ingest verb, start-up) and <c>/source add</c>.</summary>
public sealed class IngestMetricsTests : IDisposable
{
    private const string Story = "A story of our own. It has two sentences.";
    private readonly TemporaryFolder _folder = new();
    private readonly IHost _host;
    private readonly MeasurementRecorder _recorder;

    public IngestMetricsTests()
    {
        _host = DiscussionBotHost.CreateBuilder(interactive: true, c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = _folder.Combine("store", "bot.db"),
            ["Store:SeedsPath"] = _folder.Combine("no-seeds"),
            ["Engine:Mode"] = "Lexical",
        })).Build();
        _recorder = new MeasurementRecorder(_host.Services.GetRequiredService<IMeterFactory>(), BotMetrics.MeterName);
    }

    private IngestionService Ingestion => _host.Services.GetRequiredService<IngestionService>();

    public void Dispose()
    {
        _recorder.Dispose();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task IngestPaths_NewAndDuplicateFiles_CountedByResultAsFilesWithTheDuration()
    {
        _folder.WriteText("docs/story.txt", Story);
        _folder.WriteText("docs/copy.txt", Story);

        await Ingestion.IngestPathsAsync([_folder.Combine("docs")], CancellationToken.None);

        Assert.Equal(1, Counted("added", "files"));
        Assert.Equal(1, Counted("duplicate", "files"));
        MeasurementRecorder.Measurement duration = Assert.Single(_recorder.Measurements, m => m.Instrument == "discussionbot.ingest.duration");
        Assert.Equal("files", duration.Tags["origin"]);
        Assert.True(duration.Value > 0);
    }

    [Fact]
    public async Task IngestPaths_UnreadableFile_CountedAsRejectedAndNothingElse()
    {
        _folder.WriteText("docs/story.txt", Story);
        _folder.WriteBytes("docs/binary.txt", [0x00, 0x01, 0x02, 0xFF, 0x00]);

        await Assert.ThrowsAsync<RejectedSourceException>(() => Ingestion.IngestPathsAsync([_folder.Combine("docs")], CancellationToken.None));

        MeasurementRecorder.Measurement rejected = Assert.Single(_recorder.Measurements);
        Assert.Equal(("rejected", "files", "unreadable"), (rejected.Tags["result"], rejected.Tags["origin"], rejected.Tags["reason"]));
        Assert.Equal(1, rejected.Value);
    }

    [Fact]
    public async Task AddForGuild_AddedThenOverTheLimit_CountedAsServerAddedThenRejectedForTheLimit()
    {
        var limits = new GuildSourceLimits { MaxDocumentsPerGuild = 1 };

        await Ingestion.AddForGuildAsync(FromGuild("first", Story), limits, CancellationToken.None);
        await Assert.ThrowsAsync<SourceLimitException>(() =>
            Ingestion.AddForGuildAsync(FromGuild("second", "Another story. Over the limit."), limits, CancellationToken.None));

        Assert.Equal(1, Counted("added", "server"));
        MeasurementRecorder.Measurement rejected = Assert.Single(_recorder.Measurements, m => m.Tags.GetValueOrDefault("result") == "rejected");
        Assert.Equal(("server", "limit"), (rejected.Tags["origin"], rejected.Tags["reason"]));
        Assert.Single(_recorder.Measurements, m => m.Instrument == "discussionbot.ingest.duration" && m.Tags["origin"] == "server");
    }

    private double Counted(string result, string origin) => _recorder.Measurements
        .Where(m => m.Instrument == "discussionbot.ingest.documents" && m.Tags["result"] == result && m.Tags["origin"] == origin)
        .Sum(m => m.Value);

    private static IncomingDocument FromGuild(string id, string text) =>
        new($"guild/7/{id}", id, text, SourceFileReader.HashText(text)) { Owner = new DocumentOwner(7, 42, "mod", null) };
}
