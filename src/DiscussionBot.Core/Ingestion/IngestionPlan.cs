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
        // Text is owned per scope: a server's document duplicates the operator's or that server's own, never
        // another server's (which it cannot see); the operator's duplicates only the operator's.
        var textOwners = new Dictionary<(ulong? Guild, string Hash), string>();
        foreach (StoredSource source in stored)
        {
            bool replaced = fingerprints.TryGetValue(source.Key, out string? incoming) && incoming != source.Fingerprint;
            if (!replaced)
            {
                textOwners.TryAdd((source.GuildId, source.ContentHash), source.Key);
            }
        }

        var plan = new IngestionPlan();
        foreach (IncomingDocument document in documents)
        {
            if (storedByKey.TryGetValue(document.SourceName, out StoredSource? known) && known.Fingerprint == fingerprints[document.SourceName])
            {
                plan.Unchanged.Add(document.SourceName);
            }
            else if (SameText(textOwners, document) is { } owner)
            {
                plan.Duplicates.Add(new DuplicateSource(document.SourceName, owner));
            }
            else
            {
                textOwners[(document.Owner?.GuildId, document.ContentHash)] = document.SourceName;
                plan.ToWrite.Add(document);
            }
        }

        return plan;
    }

    private static string? SameText(Dictionary<(ulong? Guild, string Hash), string> textOwners, IncomingDocument document)
    {
        ulong? guild = document.Owner?.GuildId;
        string? owner = textOwners.GetValueOrDefault((guild, document.ContentHash));
        if (owner is null && guild is not null)
        {
            owner = textOwners.GetValueOrDefault(((ulong?)null, document.ContentHash));
        }

        return owner == document.SourceName ? null : owner;
    }
}
