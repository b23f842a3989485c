using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// The ingestion use case. First every source is read, converted and checked: a bad file stops the run before
/// anything is written. Then the documents that are new or changed (and whose text is not already stored) are
/// segmented, analysed and committed in batches of <see cref="IngestionOptions.BatchSize"/>: a crash loses at
/// most the batch in flight, and running the same ingestion again skips what was committed and finishes the job.
/// </summary>
/// <param name="deferred">
/// Where a server's additions go for their sentence vectors when the analyzer encodes sentences: the member's answer
/// then waits for the words-only analysis only. Without it, additions are analysed in full before they are written.
/// </param>
public sealed class IngestionService(
    SourceFileReader reader,
    ITextSegmenter segmenter,
    IDocumentAnalyzer analyzer,
    IDocumentWriter writer,
    IngestionOptions? options = null,
    IIngestionObserver? observer = null,
    TimeProvider? timeProvider = null,
    IAnalysisQueue? deferred = null)
{
    private readonly int _batchSize = (options ?? new IngestionOptions()).BatchSize;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Ingests files and folders; keys are relative to each folder given, or to the working folder for a file.</summary>
    public Task<IngestionReport> IngestPathsAsync(IEnumerable<string> paths, CancellationToken cancellationToken) =>
        IngestPathsAsync(paths, progress: null, cancellationToken);

    public async Task<IngestionReport> IngestPathsAsync(
        IEnumerable<string> paths, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        IReadOnlyList<IncomingDocument> documents = ReadSources(paths, progress, cancellationToken);
        IngestionReport report = await IngestAsync(documents, progress, limits: null, deferVectors: false, cancellationToken);
        observer?.Completed(IngestionOrigin.Files, report, _time.GetElapsedTime(started));
        return report;
    }

    private IReadOnlyList<IncomingDocument> ReadSources(IEnumerable<string> paths, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<SourceFile> files = SourceFileReader.ListSources(paths, Directory.GetCurrentDirectory());
        if (files.Count == 0)
        {
            throw new RejectedSourceException(string.Join(", ", paths), "no source files found");
        }

        var incoming = new IncomingDocument?[files.Count];
        var rejections = new RejectedSourceException?[files.Count];
        int read = 0;
        // Conversion (PDF layout analysis especially) is independent per file; results keep the files' order.
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            try
            {
                incoming[i] = reader.Read(files[i]);
            }
            catch (RejectedSourceException ex)
            {
                rejections[i] = ex;
            }

            progress?.Report(new IngestionProgress(IngestionStage.Reading, Interlocked.Increment(ref read), files.Count));
        });

        var rejected = rejections.OfType<RejectedSourceException>().ToList();
        if (rejected.Count > 0)
        {
            observer?.Rejected(IngestionOrigin.Files, rejected.Count, "unreadable");
            throw rejected.Count == 1
                ? rejected[0]
                : new RejectedSourceException(string.Join("; ", rejected.Select(r => r.Message)));
        }

        return incoming.OfType<IncomingDocument>().ToList();
    }

    /// <summary>Ingests documents that are already in memory (evaluation sets, benchmarks, tests).</summary>
    public Task<IngestionReport> IngestAsync(IReadOnlyList<IncomingDocument> documents, CancellationToken cancellationToken) =>
        IngestAsync(documents, progress: null, cancellationToken);

    public Task<IngestionReport> IngestAsync(
        IReadOnlyList<IncomingDocument> documents, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken) =>
        IngestAsync(documents, progress, limits: null, deferVectors: false, cancellationToken);

    private async Task<IngestionReport> IngestAsync(
        IReadOnlyList<IncomingDocument> documents, IProgress<IngestionProgress>? progress, GuildSourceLimits? limits, bool deferVectors, CancellationToken cancellationToken)
    {
        var duplicateKey = documents.GroupBy(d => d.SourceName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateKey is not null)
        {
            throw new RejectedSourceException(duplicateKey.Key, "two sources in this run have the same key");
        }

        IngestionPlan plan = IngestionPlan.Build(documents, await writer.ListStoredSourcesAsync(cancellationToken), Fingerprint);
        var added = new List<string>();
        var updated = new List<string>();
        var duplicates = new List<DuplicateSource>(plan.Duplicates);
        var pending = new List<string>();
        int done = documents.Count - plan.ToWrite.Count;
        progress?.Report(new IngestionProgress(IngestionStage.Writing, done, documents.Count));
        foreach (IncomingDocument[] batch in plan.ToWrite.Chunk(_batchSize))
        {
            IngestionReport written = await WriteBatchAsync(batch, limits, deferVectors, cancellationToken);
            pending.AddRange(written.AnalysisPending);
            added.AddRange(written.Added);
            updated.AddRange(written.Updated);
            duplicates.AddRange(written.Duplicates);
            done += batch.Length;
            progress?.Report(new IngestionProgress(IngestionStage.Writing, done, documents.Count));
        }

        return new IngestionReport(added, updated, plan.Unchanged) { Duplicates = duplicates, AnalysisPending = pending };
    }

    /// <summary>
    /// Adds (or updates) one document a server member brought from Discord, within the server's limits.
    /// Its text duplicates only what that server can see: the operator's documents and the server's own.
    /// When the analyzer encodes sentences and a background queue is given, the document is written with its
    /// words-only analysis (quotable at once) and queued for its vectors (<see cref="IngestionReport.AnalysisPending"/>).
    /// </summary>
    /// <exception cref="SourceLimitException">The server would exceed a limit; nothing was written.</exception>
    public async Task<IngestionReport> AddForGuildAsync(IncomingDocument document, GuildSourceLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(limits);
        ulong guild = document.Owner?.GuildId ?? throw new ArgumentException("A server's document needs its owner.", nameof(document));

        // A first check before the costly analysis; the writer checks again inside its write transaction, which is
        // what holds against concurrent adds (other replicas' too).
        long started = _time.GetTimestamp();
        try
        {
            GuildUsage usage = await writer.GetGuildUsageAsync(guild, cancellationToken);
            bool replacing = (await writer.ListStoredSourcesAsync(cancellationToken)).Any(s => s.Key == document.SourceName);
            limits.Check(usage, new GuildUsage(usage.Documents + (replacing ? 0 : 1), usage.Characters + (replacing ? 0 : document.Text.Length)));
            IngestionReport report = await IngestAsync(
                [document], progress: null, limits, deferVectors: deferred is not null && analyzer.EncodesSentences, cancellationToken);
            observer?.Completed(IngestionOrigin.Server, report, _time.GetElapsedTime(started));
            return report;
        }
        catch (SourceLimitException)
        {
            observer?.Rejected(IngestionOrigin.Server, 1, "limit");
            throw;
        }
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
    /// Segments, analyses and commits one batch in one transaction. With <paramref name="deferVectors"/>, the analysis
    /// is the words-only one and the written documents are queued for the full one; their stored fingerprint is already
    /// the full analysis's, so a later run finds them unchanged rather than analysing them again.
    /// </summary>
    private async Task<IngestionReport> WriteBatchAsync(
        IReadOnlyList<IncomingDocument> batch, GuildSourceLimits? limits, bool deferVectors, CancellationToken cancellationToken)
    {
        // Segmentation is independent per document; AsOrdered keeps the run's order (and so the store's ids) stable.
        var segmented = batch
            .AsParallel()
            .AsOrdered()
            .WithCancellation(cancellationToken)
            .Select(document => (Source: document, Segmentation: segmenter.Segment(document.Text)))
            .ToList();
        IReadOnlyList<DocumentAnalysis> analyses = deferVectors
            ? await analyzer.AnalyzeWithoutVectorsAsync(segmented, cancellationToken)
            : await analyzer.AnalyzeAsync(segmented, cancellationToken);
        var prepared = segmented
            .Select((c, i) => new PreparedDocument(c.Source, c.Segmentation, analyses[i], Fingerprint(c.Source)))
            .ToList();
        IngestionReport report = await writer.WriteAsync(prepared, [], limits, cancellationToken);
        if (!deferVectors || deferred is null)
        {
            return report;
        }

        var written = report.Added.Concat(report.Updated).ToHashSet(StringComparer.Ordinal);
        var pending = prepared.Where(p => written.Contains(p.Source.SourceName)).ToList();
        foreach (PreparedDocument document in pending)
        {
            // A full queue leaves the document with its words-only analysis until the next start finds it.
            deferred.TryEnqueue(new PendingAnalysis(document.Source, document.Segmentation, document.Fingerprint));
        }

        return report with { AnalysisPending = pending.Select(p => p.Source.SourceName).ToList() };
    }
}
