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

    public CorpusSnapshot(long revision, IReadOnlyList<DocumentInfo> documents, List<AnalyzedSentence> sentences)
    {
        Revision = revision;
        Documents = documents.OrderBy(d => d.Id).ToList();
        DocumentsById = Documents.ToDictionary(d => d.Id);
        var known = sentences.Where(s => DocumentsById.ContainsKey(s.DocumentId)).OrderBy(s => s.DocumentId).ThenBy(s => s.Ordinal).ToList();
        Rows = known.Select(s => new SentenceRow(s.DocumentId, s.Ordinal, s.ParagraphNumber, s.Text, s.Salience)).ToArray();
        Dimension = known.FirstOrDefault(s => s.Vector is not null)?.Vector!.Length ?? 0;
        if (Dimension > 0)
        {
            Matrix = new float[Rows.Length * Dimension];
            HasVector = new bool[Rows.Length];
            for (int i = 0; i < known.Count; i++)
            {
                if (known[i].Vector is { } v && v.Length == Dimension)
                {
                    v.CopyTo(Matrix, i * Dimension);
                    HasVector[i] = true;
                }
            }
        }

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

    public int? RowOf(long documentId, int ordinal) => _rows.TryGetValue((documentId, ordinal), out int row) ? row : null;

    public ReadOnlySpan<float> VectorOf(int row) => Matrix.AsSpan(row * Dimension, Dimension);

    /// <summary>A value computed earlier for this snapshot, if any.</summary>
    public T? Memoized<T>(string key)
        where T : class =>
        _memo.TryGetValue(key, out Lazy<object>? value) && value.IsValueCreated ? (T)value.Value : null;

    /// <summary>Computes a value once per snapshot (whole-store summaries and themes).</summary>
    public T Memo<T>(string key, Func<T> compute)
        where T : class =>
        (T)_memo.GetOrAdd(key, _ => new Lazy<object>(() => compute())).Value;
}

/// <summary>Holds the current <see cref="CorpusSnapshot"/> and rebuilds it when the store's revision changes.</summary>
public sealed class CorpusCache(IDocumentStore store, IAnalysisStore analyses) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CorpusSnapshot? _current;

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
            var sentences = new List<AnalyzedSentence>();
            await foreach (AnalyzedSentence sentence in analyses.ReadQuotableSentencesAsync(cancellationToken))
            {
                sentences.Add(sentence);
            }

            current = new CorpusSnapshot(revision, documents, sentences);
            _current = current;
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads the snapshot ahead of the first command (e.g. at startup or right after ingestion).</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken) => await GetAsync(cancellationToken);
}
