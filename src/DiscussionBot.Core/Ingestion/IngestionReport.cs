namespace DiscussionBot.Core.Ingestion;

/// <summary>What one ingestion run did, by document key.</summary>
public sealed record IngestionReport(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged)
{
    /// <summary>Sources not stored because a stored document (or an earlier source of the run) has exactly their text.</summary>
    public IReadOnlyList<DuplicateSource> Duplicates { get; init; } = [];

    /// <summary>
    /// Documents written with their words-only analysis, whose meaning-based analysis (sentence vectors) is computed in
    /// the background: quotable at once, found by meaning once it lands.
    /// </summary>
    public IReadOnlyList<string> AnalysisPending { get; init; } = [];

    public bool ChangedAnything => Added.Count > 0 || Updated.Count > 0;

    public override string ToString() =>
        $"added {Added.Count}, updated {Updated.Count}, unchanged {Unchanged.Count}" +
        (Duplicates.Count > 0 ? $", duplicates {Duplicates.Count}" : string.Empty);
}

/// <summary>A source whose text is already stored under another key.</summary>
public sealed record DuplicateSource(string Key, string SameAs);
