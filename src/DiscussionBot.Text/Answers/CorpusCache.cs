using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Answers;

/// <summary>One quotable sentence of the corpus snapshot.</summary>
internal sealed record SentenceRow(long DocumentId, int Ordinal, int ParagraphNumber, string Text, float Salience);

/// <summary>
/// Everything commands need across documents, loaded once per store revision: quotable sentences, their
/// salience and a contiguous matrix of their unit vectors for SIMD search.
/// </summary>
internal sealed class CorpusSnapshot
{
    private readonly Dictionary<(long, int), int> _rows = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _memo = new(StringComparer.Ordinal);

    public CorpusSnapshot(long revision, IReadOnlyList<DocumentInfo> documents, SentenceRow[] rows, int dimension, float[]? matrix, bool[]? hasVector)
    {
        Revision = revision;
        Documents = documents.OrderBy(d => d.Id).ToList();
        DocumentsById = Documents.ToDictionary(d => d.Id);
        Rows = rows;
        Dimension = dimension;
        Matrix = matrix;
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

    public float[]? Matrix { get; }

    public bool[]? HasVector { get; }

    public bool HasVectors => Matrix is not null;

    /// <summary>In how many quotable sentences each content-word stem occurs (computed once, on first use).</summary>
    public Dictionary<string, int> SentenceFrequencies => Memo("sentence-frequencies", () =>
    {
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (SentenceRow row in Rows)
        {
            seen.Clear();
            foreach (Lexical.Token t in Lexical.Tokenizer.Tokenize(row.Text))
            {
                if (!t.IsStopWord && seen.Add(t.Stem))
                {
                    df[t.Stem] = df.GetValueOrDefault(t.Stem) + 1;
                }
            }
        }

        return df;
    });

    public int? RowOf(long documentId, int ordinal) => _rows.TryGetValue((documentId, ordinal), out int row) ? row : null;

    public ReadOnlySpan<float> VectorOf(int row) => Matrix.AsSpan(row * Dimension, Dimension);

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
            current = await LoadAsync(revision, documents, cancellationToken);
            _current = current;
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Streams the quotable sentences into the snapshot, copying each vector straight into one pre-sized matrix,
    /// so a large store never holds every vector twice while its snapshot is built.
    /// </summary>
    private async Task<CorpusSnapshot> LoadAsync(long revision, IReadOnlyList<DocumentInfo> documents, CancellationToken cancellationToken)
    {
        var known = documents.Select(d => d.Id).ToHashSet();
        long capacity = documents.Sum(d => (long)d.SentenceCount);
        var rows = new List<SentenceRow>();
        var hasVector = new List<bool>();
        float[]? matrix = null;
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
            if (sentence.Vector is { } vector && matrix is null)
            {
                dimension = vector.Length;
                matrix = new float[Math.Max(capacity, rows.Count + 1) * dimension];
            }

            bool stored = sentence.Vector is { } v && v.Length == dimension && (rows.Count + 1L) * dimension <= matrix!.Length;
            if (stored)
            {
                sentence.Vector!.CopyTo(matrix!, rows.Count * dimension);
            }

            rows.Add(row);
            hasVector.Add(stored);
        }

        SentenceRow[] rowArray = [.. rows];
        bool[]? vectorFlags = matrix is null ? null : [.. hasVector];
        if (!ordered)
        {
            // The port promises (document, ordinal) order; a store that breaks it still gets a correct snapshot.
            int[] order = Enumerable.Range(0, rowArray.Length).OrderBy(i => rowArray[i].DocumentId).ThenBy(i => rowArray[i].Ordinal).ToArray();
            float[]? sortedMatrix = matrix is null ? null : new float[matrix.Length];
            for (int k = 0; k < order.Length && sortedMatrix is not null; k++)
            {
                Array.Copy(matrix!, order[k] * dimension, sortedMatrix, k * dimension, dimension);
            }

            rowArray = order.Select(i => rows[i]).ToArray();
            vectorFlags = vectorFlags is null ? null : order.Select(i => hasVector[i]).ToArray();
            matrix = sortedMatrix;
        }

        return new CorpusSnapshot(revision, documents, rowArray, dimension, matrix, vectorFlags);
    }

    /// <summary>Loads the snapshot and its word statistics ahead of the first command (e.g. at startup or right after ingestion).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        CorpusSnapshot snapshot = await GetAsync(cancellationToken);
        _ = snapshot.SentenceFrequencies;
    }
}
