namespace DiscussionBot.Core.Ingestion;

/// <summary>A stored document as a write sees it: read by the writer inside its transaction.</summary>
/// <param name="Characters">The length of its stored text, counted against its server's limits.</param>
public sealed record StoredDocumentRow(long Id, string Key, string ContentHash, ulong? GuildId, long Characters);

/// <summary>One document the plan writes.</summary>
/// <param name="ReplacesId">The stored document it replaces (keeping that id), or null for a new document.</param>
public sealed record DocumentWriteStep(PreparedDocument Document, long? ReplacesId);

/// <summary>
/// What one <see cref="IDocumentWriter.WriteAsync(IReadOnlyList{PreparedDocument}, IReadOnlyList{string}, GuildSourceLimits?, CancellationToken)"/>
/// does, decided from what is stored and what comes in, so that every store writes by the same rules:
/// <list type="bullet">
/// <item>a document whose text a document its scope can see already has (stored, or earlier in the same call) is not
/// written but reported as a duplicate: for a server's document the operator's and that server's own; for the
/// operator's, the operator's only (another server's copy must not block it, nor leak);</item>
/// <item>a known key replaces that document's content and keeps its id (pins and citations refer to it), but never
/// moves a document from one owner to another;</item>
/// <item>with limits, no server ends up over them.</item>
/// </list>
/// The writer reads the rows and usage and executes the steps inside one transaction that excludes other writers
/// (every replica's), so two writers can neither store the same text twice nor together exceed a server's limits.
/// </summary>
public sealed class DocumentWritePlan
{
    private DocumentWritePlan(IReadOnlyList<DocumentWriteStep> steps, IReadOnlyList<DuplicateSource> duplicates)
    {
        Steps = steps;
        Duplicates = duplicates;
    }

    /// <summary>The documents to write, in the order they came.</summary>
    public IReadOnlyList<DocumentWriteStep> Steps { get; }

    public IReadOnlyList<DuplicateSource> Duplicates { get; }

    /// <summary>Whether the store's revision must change.</summary>
    public bool ChangesStore => Steps.Count > 0;

    /// <summary>The keys a writer must look up (<see cref="StoredDocumentRow"/>s with one of these keys or content hashes).</summary>
    public static (IReadOnlyList<string> Keys, IReadOnlyList<string> ContentHashes) Lookups(IReadOnlyList<PreparedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return (documents.Select(d => d.Source.SourceName).Distinct(StringComparer.Ordinal).ToList(),
                documents.Select(d => d.Source.ContentHash).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The servers whose usage the writer must read (inside its transaction) when limits apply.</summary>
    public static IReadOnlyList<ulong> OwningGuilds(IReadOnlyList<PreparedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.Select(d => d.Source.Owner?.GuildId).OfType<ulong>().Distinct().ToList();
    }

    /// <param name="documents">What comes in, each checked by <see cref="DocumentConsistency"/>.</param>
    /// <param name="stored">At least every stored document sharing a key or a content hash with an incoming one (see <see cref="Lookups"/>).</param>
    /// <param name="usage">Each owning server's stored usage (see <see cref="OwningGuilds"/>); needed only with <paramref name="limits"/>.</param>
    /// <param name="limits">A server's limits, or null for the operator's ingestion (no limits).</param>
    /// <exception cref="InvalidOperationException">A key belongs to another owner's document, or a document is inconsistent.</exception>
    /// <exception cref="SourceLimitException">A server would exceed a limit.</exception>
    public static DocumentWritePlan Create(
        IReadOnlyList<PreparedDocument> documents,
        IReadOnlyCollection<StoredDocumentRow> stored,
        IReadOnlyDictionary<ulong, GuildUsage> usage,
        GuildSourceLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(usage);
        foreach (PreparedDocument document in documents)
        {
            DocumentConsistency.Check(document);
        }

        // The store as it will be after each step: new documents get ids after every stored one, in order.
        var byKey = stored.ToDictionary(r => r.Key, StringComparer.Ordinal);
        long nextId = stored.Count == 0 ? 1 : stored.Max(r => r.Id) + 1;
        var steps = new List<DocumentWriteStep>();
        var duplicates = new List<DuplicateSource>();
        var after = new Dictionary<ulong, GuildUsage>();
        foreach (PreparedDocument document in documents)
        {
            IncomingDocument source = document.Source;
            ulong? guild = source.Owner?.GuildId;
            StoredDocumentRow? sameText = byKey.Values
                .Where(r => r.ContentHash == source.ContentHash && r.Key != source.SourceName && (r.GuildId is null || r.GuildId == guild))
                .MinBy(r => r.Id);
            if (sameText is not null)
            {
                duplicates.Add(new DuplicateSource(source.SourceName, sameText.Key));
                continue;
            }

            byKey.TryGetValue(source.SourceName, out StoredDocumentRow? known);
            if (known is not null && known.GuildId != guild)
            {
                throw new InvalidOperationException($"{source.SourceName}: that key belongs to another owner's document.");
            }

            if (guild is ulong owner)
            {
                GuildUsage current = after.GetValueOrDefault(owner) ?? usage.GetValueOrDefault(owner) ?? new GuildUsage(0, 0);
                after[owner] = new GuildUsage(
                    current.Documents + (known is null ? 1 : 0),
                    current.Characters + source.Text.Length - (known?.Characters ?? 0));
            }

            long id = known?.Id ?? nextId++;
            byKey[source.SourceName] = new StoredDocumentRow(id, source.SourceName, source.ContentHash, guild, source.Text.Length);
            steps.Add(new DocumentWriteStep(document, known?.Id));
        }

        if (limits is not null)
        {
            foreach ((ulong owner, GuildUsage planned) in after)
            {
                limits.Check(usage.GetValueOrDefault(owner) ?? new GuildUsage(0, 0), planned);
            }
        }

        return new DocumentWritePlan(steps, duplicates);
    }

    /// <summary>What the plan did, once the writer has committed it.</summary>
    public IngestionReport Report(IReadOnlyList<string> unchanged) => new(
        Steps.Where(s => s.ReplacesId is null).Select(s => s.Document.Source.SourceName).ToList(),
        Steps.Where(s => s.ReplacesId is not null).Select(s => s.Document.Source.SourceName).ToList(),
        unchanged)
    {
        Duplicates = Duplicates,
    };
}
