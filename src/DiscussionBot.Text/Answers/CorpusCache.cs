using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.Text.Answers;

/// <summary>One quotable sentence of the corpus snapshot.</summary>
internal sealed record SentenceRow(long DocumentId, int Ordinal, int ParagraphNumber, string Text, float Salience);

/// <summary>
/// Everything commands need across documents, loaded once per store revision: quotable sentences, their
/// salience and their unit vectors, held as 8-bit integers (<see cref="QuantizedVectors"/>) for SIMD search.
/// </summary>
internal sealed class CorpusSnapshot
{
    private readonly Dictionary<(long, int), int> _rows = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _memo = new(StringComparer.Ordinal);

    public CorpusSnapshot(long revision, IReadOnlyList<DocumentInfo> documents, SentenceRow[] rows, int dimension, QuantizedVectors? vectors, bool[]? hasVector)
    {
        Revision = revision;
        Documents = documents.OrderBy(d => d.Id).ToList();
        DocumentsById = Documents.ToDictionary(d => d.Id);
        Rows = rows;
        Dimension = dimension;
        Vectors = vectors;
        HasVector = hasVector;

        var ranges = new Dictionary<long, (int Start, int Count)>();
        for (int i = 0; i < Rows.Length; i++)
        {
            _rows[(Rows[i].DocumentId, Rows[i].Ordinal)] = i;
            ranges[Rows[i].DocumentId] = ranges.TryGetValue(Rows[i].DocumentId, out (int Start, int Count) r) ? (r.Start, r.Count + 1) : (i, 1);
        }

        DocumentRows = ranges;
    }

    public long Revision { get; }

    public IReadOnlyList<DocumentInfo> Documents { get; }

    public IReadOnlyDictionary<long, DocumentInfo> DocumentsById { get; }

    public SentenceRow[] Rows { get; }

    public IReadOnlyDictionary<long, (int Start, int Count)> DocumentRows { get; }

    public int Dimension { get; }

    public QuantizedVectors? Vectors { get; }

    public bool[]? HasVector { get; }

    public bool HasVectors => Vectors is not null;

    /// <summary>Each sentence's content-word stems and their frequencies (computed once, on first use).</summary>
    public SnapshotTerms Terms => Memo("terms", () => SnapshotTerms.Build(Rows));

    public int? RowOf(long documentId, int ordinal) => _rows.TryGetValue((documentId, ordinal), out int row) ? row : null;

    /// <summary>Cosine of the row's sentence to a unit query vector (the row must have a vector).</summary>
    public float Dot(int row, ReadOnlySpan<float> query) => Vectors!.Dot(row, query);

    /// <summary>Cosine of two rows' sentences (both must have vectors).</summary>
    public float Dot(int a, int b) => Vectors!.Dot(a, b);

    /// <summary>Adds the row's vector to <paramref name="sum"/> (the row must have a vector).</summary>
    public void AddVectorTo(int row, Span<float> sum) => Vectors!.AddTo(row, sum);

    /// <summary>A value computed earlier for this snapshot, if any.</summary>
    public T? Memoized<T>(string key)
        where T : class =>
        _memo.TryGetValue(key, out Lazy<object>? value) && value.IsValueCreated ? (T)value.Value : null;

    /// <summary>Computes a value once per snapshot (whole-store summaries and themes). A failed computation is not kept: the next caller tries again.</summary>
    public T Memo<T>(string key, Func<T> compute)
        where T : class
    {
        Lazy<object> entry = _memo.GetOrAdd(key, _ => new Lazy<object>(() => compute()));
        try
        {
            return (T)entry.Value;
        }
        catch
        {
            // Lazy caches its exception; drop this entry (only this one, not a newer retry) so one failure is not permanent.
            _memo.TryRemove(new KeyValuePair<string, Lazy<object>>(key, entry));
            throw;
        }
    }
}

/// <summary>Holds the current <see cref="CorpusSnapshot"/> and rebuilds it when the store's revision changes.</summary>
public sealed class CorpusCache(IDocumentStore store, IAnalysisStore analyses) : IDisposable
{
    private const int LargeSnapshotRows = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CorpusSnapshot? _current;

    /// <summary>Answers about single documents, remembered per store revision.</summary>
    public RevisionMemo Documents { get; } = new();

    public void Dispose() => _gate.Dispose();

    internal async Task<CorpusSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        long revision = await store.GetRevisionAsync(cancellationToken);
        CorpusSnapshot? current = _current;
        if (current is not null && current.Revision == revision)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && current.Revision == revision)
            {
                return current;
            }

            IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(cancellationToken);
            CorpusSnapshot? previous = _current;
            current = await LoadAsync(revision, documents, cancellationToken);
            _current = current;
            if (current.Rows.Length >= LargeSnapshotRows || previous?.Rows.Length >= LargeSnapshotRows)
            {
                // Building a large snapshot streams every stored vector through short-lived arrays (and may retire the
                // previous snapshot); a compacting collection returns those pages to the system rather than keeping
                // them as the process's working set. Once per store revision, and only for large stores.
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }

            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Streams the quotable sentences into the snapshot, quantising each vector straight into one pre-sized
    /// 8-bit matrix, so a large store never holds its float vectors while its snapshot is built.
    /// </summary>
    private async Task<CorpusSnapshot> LoadAsync(long revision, IReadOnlyList<DocumentInfo> documents, CancellationToken cancellationToken)
    {
        var known = documents.Select(d => d.Id).ToHashSet();
        int capacity = (int)Math.Min(int.MaxValue / 1024, documents.Sum(d => (long)d.SentenceCount));
        var rows = new List<SentenceRow>();
        var hasVector = new List<bool>();
        QuantizedVectors? vectors = null;
        int dimension = 0;
        bool ordered = true;
        SentenceRow? previous = null;
        await foreach (AnalyzedSentence sentence in analyses.ReadQuotableSentencesAsync(cancellationToken))
        {
            if (!known.Contains(sentence.DocumentId))
            {
                continue; // ingested after the document list was read: the next revision picks it up
            }

            var row = new SentenceRow(sentence.DocumentId, sentence.Ordinal, sentence.ParagraphNumber, sentence.Text, sentence.Salience);
            ordered &= previous is null || (previous.DocumentId, previous.Ordinal).CompareTo((row.DocumentId, row.Ordinal)) < 0;
            previous = row;
            if (sentence.Vector is { } vector && vectors is null)
            {
                dimension = vector.Length;
                vectors = new QuantizedVectors(Math.Max(capacity, rows.Count + 1), dimension);
            }

            bool stored = sentence.Vector is { } v && v.Length == dimension && rows.Count < vectors!.Count;
            if (stored)
            {
                vectors!.Set(rows.Count, sentence.Vector);
            }

            rows.Add(row);
            hasVector.Add(stored);
        }

        SentenceRow[] rowArray = [.. rows];
        bool[]? vectorFlags = vectors is null ? null : [.. hasVector];
        if (!ordered)
        {
            // The port promises (document, ordinal) order; a store that breaks it still gets a correct snapshot.
            int[] order = Enumerable.Range(0, rowArray.Length).OrderBy(i => rowArray[i].DocumentId).ThenBy(i => rowArray[i].Ordinal).ToArray();
            QuantizedVectors? sorted = vectors is null ? null : new QuantizedVectors(vectors.Count, dimension);
            for (int k = 0; k < order.Length && sorted is not null; k++)
            {
                sorted.CopyRow(vectors!, order[k], k);
            }

            rowArray = order.Select(i => rows[i]).ToArray();
            vectorFlags = vectorFlags is null ? null : order.Select(i => hasVector[i]).ToArray();
            vectors = sorted;
        }

        return new CorpusSnapshot(revision, documents, rowArray, dimension, vectors, vectorFlags);
    }

    /// <summary>Loads the snapshot and its word statistics ahead of the first command (e.g. at startup or right after ingestion).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        CorpusSnapshot snapshot = await GetAsync(cancellationToken);
        _ = snapshot.Terms;
    }
}
