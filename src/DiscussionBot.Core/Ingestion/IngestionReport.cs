namespace DiscussionBot.Core.Ingestion;

/// <summary>What one ingestion run did, by source name.</summary>
public sealed record IngestionReport(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged)
{
    public bool ChangedAnything => Added.Count > 0 || Updated.Count > 0;

    public override string ToString() =>
        $"added {Added.Count}, updated {Updated.Count}, unchanged {Unchanged.Count}";
}
