using DiscussionBot.Hosting;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Tests.Hosting;

public sealed class StoreBootstrapperTests : IDisposable
{
    private readonly StoreFixture _fixture = new();
    private readonly CollectingLoggerProvider _logs = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task EnsureSeededAsync_EmptySeedsFolderAndEmptyStore_StartsAndWarnsOnce()
    {
        string seeds = _fixture.Folder.Combine("seeds");
        Directory.CreateDirectory(seeds);

        var report = await Bootstrapper(seeds).EnsureSeededAsync(CancellationToken.None);

        Assert.Null(report);
        LogEntry warning = Assert.Single(_logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("The store is empty", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSeededAsync_MissingSeedsFolderButDocumentsStored_NoWarning()
    {
        await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.WriteText("own/story.txt", "A story of our own. It has two sentences.")], CancellationToken.None);

        await Bootstrapper(_fixture.Folder.Combine("no-seeds")).EnsureSeededAsync(CancellationToken.None);

        Assert.DoesNotContain(_logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    private StoreBootstrapper Bootstrapper(string seeds) => new(
        _fixture.Ingestion,
        _fixture.Store,
        Options.Create(new SeedOptions { SeedsPath = seeds }),
        _logs.CreateLogger<StoreBootstrapper>());
}
