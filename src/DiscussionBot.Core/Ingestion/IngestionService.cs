using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// The ingestion use case: read and check every source, skip the unchanged ones and those whose text is
/// already stored, segment and analyse the rest, then write them in one transaction. A bad file stops the run
/// before anything is written.
/// </summary>
public sealed class IngestionService(
    SourceFileReader reader,
    ITextSegmenter segmenter,
    IDocumentAnalyzer analyzer,
    IDocumentWriter writer)
{
    /// <summary>Ingests files and folders; keys are relative to each folder given, or to the working folder for a file.</summary>
    public Task<IngestionReport> IngestPathsAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        IReadOnlyList<SourceFile> files = SourceFileReader.ListSources(paths, Directory.GetCurrentDirectory());
        if (files.Count == 0)
        {
            throw new RejectedSourceException(string.Join(", ", paths), "no source files found");
        }

        var incoming = new List<IncomingDocument>(files.Count);
        var rejections = new List<RejectedSourceException>();
        foreach (SourceFile file in files)
        {
            try
            {
                incoming.Add(reader.Read(file));
            }
            catch (RejectedSourceException ex)
            {
                rejections.Add(ex);
            }
        }

        if (rejections.Count > 0)
        {
            throw rejections.Count == 1
                ? rejections[0]
                : new RejectedSourceException(string.Join("; ", rejections.Select(r => r.Message)));
        }

        return IngestAsync(incoming, cancellationToken);
    }

    /// <summary>Ingests documents that are already in memory (evaluation sets, benchmarks, tests).</summary>
    public async Task<IngestionReport> IngestAsync(IReadOnlyList<IncomingDocument> documents, CancellationToken cancellationToken)
    {
        var duplicateKey = documents.GroupBy(d => d.SourceName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateKey is not null)
        {
            throw new RejectedSourceException(duplicateKey.Key, "two sources in this run have the same key");
        }

        IngestionPlan plan = Plan(documents, await writer.ListStoredSourcesAsync(cancellationToken));

        // Segmentation is independent per document; AsOrdered keeps the run's order (and so the store's ids) stable.
        var changed = plan.ToWrite
            .AsParallel()
            .AsOrdered()
            .WithCancellation(cancellationToken)
            .Select(document => (Source: document, Segmentation: segmenter.Segment(document.Text)))
            .ToList();

        if (changed.Count == 0)
        {
            return new IngestionReport([], [], plan.Unchanged) { Duplicates = plan.Duplicates };
        }

        IReadOnlyList<DocumentAnalysis> analyses = await analyzer.AnalyzeAsync(changed, cancellationToken);
        var prepared = changed
            .Select((c, i) => new PreparedDocument(c.Source, c.Segmentation, analyses[i], Fingerprint(c.Source)))
            .ToList();
        IngestionReport written = await writer.WriteAsync(prepared, plan.Unchanged, cancellationToken);
        return written with { Duplicates = [.. plan.Duplicates, .. written.Duplicates] };
    }

    /// <summary>Removes documents by key, all or none.</summary>
    /// <exception cref="UnknownSourceException">A key names no document.</exception>
    public Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken) =>
        writer.RemoveAsync(keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);

    /// <summary>
    /// What the store compares to decide that a document is unchanged: its content and title, and the
    /// version of the engine that analysed it, so that an upgraded engine re-analyses old documents.
    /// </summary>
    public string Fingerprint(IncomingDocument document) =>
        SourceFileReader.HashText($"{document.ContentHash}\n{document.Title}\n{segmenter.Version}\n{analyzer.Version}");

    /// <summary>
    /// Sorts the run's documents into unchanged, duplicates (their text is stored, or comes earlier in the run, under
    /// another key) and those to write. A stored document that this run replaces no longer claims its old text.
    /// </summary>
    private IngestionPlan Plan(IReadOnlyList<IncomingDocument> documents, IReadOnlyList<StoredSource> stored)
    {
        var storedByKey = stored.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var fingerprints = documents.ToDictionary(d => d.SourceName, Fingerprint, StringComparer.Ordinal);
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

    private sealed class IngestionPlan
    {
        public List<string> Unchanged { get; } = [];

        public List<DuplicateSource> Duplicates { get; } = [];

        public List<IncomingDocument> ToWrite { get; } = [];
    }
}
