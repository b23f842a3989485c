namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// A run's documents sorted into unchanged, duplicates (their text is stored, or comes earlier in the run, under
/// another key) and those to write. A stored document that this run replaces no longer claims its old text.
/// </summary>
internal sealed class IngestionPlan
{
    private IngestionPlan()
    {
    }

    public List<string> Unchanged { get; } = [];

    public List<DuplicateSource> Duplicates { get; } = [];

    public List<IncomingDocument> ToWrite { get; } = [];

    public static IngestionPlan Build(
        IReadOnlyList<IncomingDocument> documents,
        IReadOnlyList<StoredSource> stored,
        Func<IncomingDocument, string> fingerprint)
    {
        var storedByKey = stored.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var fingerprints = documents.ToDictionary(d => d.SourceName, fingerprint, StringComparer.Ordinal);
        var textOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (StoredSource source in stored)
        {
            bool replaced = fingerprints.TryGetValue(source.Key, out string? incoming) && incoming != source.Fingerprint;
            if (!replaced)
            {
                textOwners.TryAdd(source.ContentHash, source.Key);
            }
        }

        var plan = new IngestionPlan();
        foreach (IncomingDocument document in documents)
        {
            if (storedByKey.TryGetValue(document.SourceName, out StoredSource? known) && known.Fingerprint == fingerprints[document.SourceName])
            {
                plan.Unchanged.Add(document.SourceName);
            }
            else if (textOwners.TryGetValue(document.ContentHash, out string? owner) && owner != document.SourceName)
            {
                plan.Duplicates.Add(new DuplicateSource(document.SourceName, owner));
            }
            else
            {
                textOwners[document.ContentHash] = document.SourceName;
                plan.ToWrite.Add(document);
            }
        }

        return plan;
    }
}
