using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// The ingestion use case: read and check every source, skip the unchanged ones, segment and analyse
/// the rest, then write them all in one transaction. A bad file stops the run before anything is written.
/// </summary>
public sealed class IngestionService(
    SourceFileReader reader,
    ITextSegmenter segmenter,
    IDocumentAnalyzer analyzer,
    IDocumentWriter writer)
{
    public Task<IngestionReport> IngestPathsAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files = SourceFileReader.ExpandPaths(paths);
        if (files.Count == 0)
        {
            throw new RejectedSourceException(string.Join(", ", paths), "no source files found");
        }

        var incoming = new List<IncomingDocument>(files.Count);
        var rejections = new List<RejectedSourceException>();
        foreach (string file in files)
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
        var duplicate = documents.GroupBy(d => d.SourceName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RejectedSourceException(duplicate.Key, "two sources in this run have the same file name");
        }

        IReadOnlyDictionary<string, string> stored = await writer.GetFingerprintsAsync(cancellationToken);
        var unchanged = new List<string>();
        var toSegment = new List<IncomingDocument>();
        foreach (IncomingDocument document in documents)
        {
            if (stored.TryGetValue(document.SourceName, out string? hash) && hash == Fingerprint(document))
            {
                unchanged.Add(document.SourceName);
            }
            else
            {
                toSegment.Add(document);
            }
        }

        // Segmentation is independent per document; AsOrdered keeps the run's order (and so the store's ids) stable.
        var changed = toSegment
            .AsParallel()
            .AsOrdered()
            .WithCancellation(cancellationToken)
            .Select(document => (Source: document, Segmentation: segmenter.Segment(document.Text)))
            .ToList();

        if (changed.Count == 0)
        {
            return new IngestionReport([], [], unchanged);
        }

        IReadOnlyList<DocumentAnalysis> analyses = await analyzer.AnalyzeAsync(changed, cancellationToken);
        var prepared = changed
            .Select((c, i) => new PreparedDocument(c.Source, c.Segmentation, analyses[i], Fingerprint(c.Source)))
            .ToList();
        return await writer.WriteAsync(prepared, unchanged, cancellationToken);
    }

    /// <summary>
    /// What the store compares to decide that a document is unchanged: its content and title, and the
    /// version of the engine that analysed it, so that an upgraded engine re-analyses old documents.
    /// </summary>
    public string Fingerprint(IncomingDocument document) =>
        SourceFileReader.HashText($"{document.ContentHash}\n{document.Title}\n{segmenter.Version}\n{analyzer.Version}");
}
