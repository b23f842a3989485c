using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>
/// Builds the store from <c>seeds/</c> when it is missing or stale. Ingestion is idempotent, so on a
/// current store this only reads and hashes the seed files. A missing or empty seeds folder is fine: a
/// community may run the bot on its own documents alone.
/// </summary>
public sealed partial class StoreBootstrapper(
    IngestionService ingestion,
    IDocumentStore store,
    IOptions<SeedOptions> seeds,
    ILogger<StoreBootstrapper> logger)
{
    public async Task<IngestionReport?> EnsureSeededAsync(CancellationToken cancellationToken)
    {
        IngestionReport? report = await SeedAsync(cancellationToken);
        if ((await store.ListDocumentsAsync(cancellationToken)).Count == 0)
        {
            LogEmptyStore();
        }

        return report;
    }

    private async Task<IngestionReport?> SeedAsync(CancellationToken cancellationToken)
    {
        string? folder = seeds.Value.ResolveFolder();
        if (folder is null || !Directory.Exists(folder))
        {
            LogNoSeeds(folder ?? "seeds/");
            return null;
        }

        if (SourceFileReader.ExpandPaths([folder]).Count == 0)
        {
            LogEmptySeeds(folder);
            return null;
        }

        IngestionReport report = await ingestion.IngestPathsAsync([folder], cancellationToken);
        if (report.ChangedAnything)
        {
            LogSeeded(folder, report.Added.Count, report.Updated.Count, report.Unchanged.Count);
        }

        foreach (DuplicateSource duplicate in report.Duplicates)
        {
            LogDuplicateSeed(duplicate.Key, duplicate.SameAs);
        }

        return report;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Built the store from {Folder}: added {Added}, updated {Updated}, unchanged {Unchanged}")]
    private partial void LogSeeded(string folder, int added, int updated, int unchanged);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "No seeds folder at {Folder} (set Store:SeedsPath); answering from the store as it is")]
    private partial void LogNoSeeds(string folder);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "The seeds folder {Folder} is empty; answering from the store as it is")]
    private partial void LogEmptySeeds(string folder);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "The store is empty: commands will say so until documents are added with the ingest verb")]
    private partial void LogEmptyStore();

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Seed {Key} not stored: same text as {SameAs}")]
    private partial void LogDuplicateSeed(string key, string sameAs);
}
