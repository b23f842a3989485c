namespace DiscussionBot.Core.Ingestion;

/// <summary>Where a run is: files checked while reading, then documents committed while writing.</summary>
/// <param name="Done">Files read, or documents committed (including those found unchanged or duplicate).</param>
/// <param name="Total">Files to read, or documents in the run.</param>
public sealed record IngestionProgress(IngestionStage Stage, int Done, int Total);

public enum IngestionStage
{
    /// <summary>Reading, converting and checking every file; nothing is written until all are good.</summary>
    Reading,

    /// <summary>Segmenting, analysing and committing documents batch by batch.</summary>
    Writing,
}
