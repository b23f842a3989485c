using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>
/// Builds the store from <c>seeds/</c> when it is missing or stale. Ingestion is idempotent, so on a
/// current store this only reads and hashes the seed files.
/// </summary>
public sealed partial class StoreBootstrapper(
    IngestionService ingestion,
    IOptions<SeedOptions> seeds,
    ILogger<StoreBootstrapper> logger)
{
    public async Task<IngestionReport?> EnsureSeededAsync(CancellationToken cancellationToken)
    {
        string? folder = seeds.Value.ResolveFolder();
        if (folder is null)
        {
            LogNoSeeds();
            return null;
        }

        IngestionReport report = await ingestion.IngestPathsAsync([folder], cancellationToken);
        if (report.ChangedAnything)
        {
            LogSeeded(folder, report.Added.Count, report.Updated.Count, report.Unchanged.Count);
        }

        return report;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Built the store from {Folder}: added {Added}, updated {Updated}, unchanged {Unchanged}")]
    private partial void LogSeeded(string folder, int added, int updated, int unchanged);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "No seeds/ folder found (set Store:SeedsPath); answering from the store as it is")]
    private partial void LogNoSeeds();
}
