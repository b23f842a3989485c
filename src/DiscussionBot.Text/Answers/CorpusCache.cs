using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Embeddings;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>One quotable sentence of the corpus snapshot.</summary>
internal sealed record SentenceRow(long DocumentId, int Ordinal, int ParagraphNumber, string Text, float Salience);

/// <summary>
/// Everything commands need across documents, loaded once per store revision: quotable sentences, their
/// salience and their unit vectors, held as 8-bit integers (<see cref="QuantizedVectors"/>) for SIMD search. A server's snapshot extends the
/// operator's (<see cref="Extend"/>): its first rows are the operator snapshot's own, read from there and never copied.
/// </summary>
internal sealed class CorpusSnapshot
{
    /// <summary>A memo build that allocated this much is followed by a compacting collection (see <see cref="Build"/>).</summary>
    internal const long ReclaimAfterBytes = LargeGarbage.ReclaimAfterBytes;

    private readonly Dictionary<(long, int), int> _rows = [];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<object>> _memo = new(StringComparer.Ordinal);
    private readonly CorpusSnapshot? _shared;
    private readonly int _sharedRows;

    // memo computations running on this snapshot now (builds nest: a summary asks for the store's terms)
    private int _building;

    public CorpusSnapshot(long revision, IReadOnlyList<DocumentInfo> documents, SentenceRow[] rows, int dimension, QuantizedVectors? vectors, bool[]? hasVector)
        : this(null, revision, documents, rows, dimension, vectors, hasVector)
    {
    }

    private CorpusSnapshot(CorpusSnapshot? shared, long revision, IReadOnlyList<DocumentInfo> documents, SentenceRow[] rows, int dimension, QuantizedVectors? vectors, bool[]? hasVector)
    {
        _shared = shared;
        _sharedRows = shared?.Rows.Length ?? 0;
        Revision = revision;
        Documents = (shared is null ? documents : [.. shared.Documents, .. documents]).OrderBy(d => d.Id).ToList();
        DocumentsById = Documents.ToDictionary(d => d.Id);
        Rows = shared is null ? rows : [.. shared.Rows, .. rows];
        Dimension = dimension;
        Vectors = vectors;
        HasVector = hasVector;

        var ranges = shared is null ? [] : new Dictionary<long, (int Start, int Count)>(shared.DocumentRows);
        for (int i = _sharedRows; i < Rows.Length; i++)
        {
            _rows[(Rows[i].DocumentId, Rows[i].Ordinal)] = i;
            ranges[Rows[i].DocumentId] = ranges.TryGetValue(Rows[i].DocumentId, out (int Start, int Count) r) ? (r.Start, r.Count + 1) : (i, 1);
        }

        DocumentRows = ranges;
    }

    /// <summary>
    /// A snapshot of <paramref name="shared"/>'s documents plus <paramref name="documents"/> (a server's own): rows,
    /// vectors and word statistics of the shared part are read from <paramref name="shared"/>, so a server costs
    /// memory for its own sentences only (plus one reference and one flag per shared row).
    /// </summary>
    /// <param name="vectors">Vectors of <paramref name="rows"/> only; rows of another dimension than the shared ones are treated as having none.</param>
    public static CorpusSnapshot Extend(CorpusSnapshot shared, long revision, IReadOnlyList<DocumentInfo> documents, SentenceRow[] rows, int dimension, QuantizedVectors? vectors, bool[]? hasVector)
    {
        if (shared.HasVectors && vectors is not null && dimension != shared.Dimension)
        {
            vectors = null;
            hasVector = null;
        }

        int combinedDimension = shared.HasVectors ? shared.Dimension : dimension;
        bool[]? flags = null;
        if (shared.HasVectors || vectors is not null)
        {
            flags = new bool[shared.Rows.Length + rows.Length];
            shared.HasVector?.CopyTo(flags, 0);
            hasVector?.CopyTo(flags, shared.Rows.Length);
        }

        return new CorpusSnapshot(shared, revision, documents, rows, combinedDimension, vectors, flags);
    }

    public long Revision { get; }

    public IReadOnlyList<DocumentInfo> Documents { get; }

    public IReadOnlyDictionary<long, DocumentInfo> DocumentsById { get; }

    public SentenceRow[] Rows { get; }

    public IReadOnlyDictionary<long, (int Start, int Count)> DocumentRows { get; }

    public int Dimension { get; }

    /// <summary>Vectors of this snapshot's own rows (after the shared ones); read them through <see cref="Dot(int, ReadOnlySpan{float})"/> and <see cref="AddVectorTo"/>.</summary>
    public QuantizedVectors? Vectors { get; }

    public bool[]? HasVector { get; }

    public bool HasVectors => HasVector is not null;

    /// <summary>
    /// Each sentence's content-word stems and their frequencies (computed once, on first use); a server's snapshot
    /// tokenises only its own sentences on top of the shared ones.
    /// </summary>
    public SnapshotTerms Terms => Memo("terms", () => _shared is null
        ? SnapshotTerms.Build(Rows)
        : SnapshotTerms.Extend(_shared.Terms, Rows, _sharedRows));

    public int? RowOf(long documentId, int ordinal) =>
        _rows.TryGetValue((documentId, ordinal), out int row) ? row : _shared?.RowOf(documentId, ordinal);

    /// <summary>Cosine of the row's sentence to a unit query vector (the row must have a vector).</summary>
    public float Dot(int row, ReadOnlySpan<float> query) => row < _sharedRows
        ? _shared!.Dot(row, query)
        : Vectors!.Dot(row - _sharedRows, query);

    /// <summary>
    /// <see cref="Dot(int, ReadOnlySpan{float})"/> of rows <paramref name="start"/> .. <paramref name="start"/> +
    /// <paramref name="scores"/>.Length − 1 into <paramref name="scores"/>, bit-identical to one row at a time
    /// (<see cref="QuantizedVectors.DotRows"/>). A row without a vector gets 0: read <see cref="HasVector"/> first.
    /// </summary>
    public void DotRows(int start, ReadOnlySpan<float> query, Span<float> scores)
    {
        int sharedCount = Math.Clamp(_sharedRows - start, 0, scores.Length);
        if (sharedCount > 0)
        {
            _shared!.DotRows(start, query, scores[..sharedCount]);
        }

        // own rows past the matrix (or all of them, without one) have no vector
        Span<float> own = scores[sharedCount..];
        int ownStart = start + sharedCount - _sharedRows;
        int stored = Vectors is null ? 0 : Math.Clamp(Vectors.Count - ownStart, 0, own.Length);
        if (stored > 0)
        {
            Vectors!.DotRows(ownStart, query, own[..stored]);
        }

        own[stored..].Clear();
    }

    /// <summary>Cosine of two rows' sentences (both must have vectors).</summary>
    public float Dot(int a, int b)
    {
        Span<float> decoded = stackalloc float[Dimension];
        CopyVectorTo(a, decoded);
        return Dot(b, decoded);
    }

    /// <summary>Adds the row's vector to <paramref name="sum"/> (the row must have a vector).</summary>
    public void AddVectorTo(int row, Span<float> sum)
    {
        if (row < _sharedRows)
        {
            _shared!.AddVectorTo(row, sum);
        }
        else
        {
            Vectors!.AddTo(row - _sharedRows, sum);
        }
    }

    private void CopyVectorTo(int row, Span<float> target)
    {
        target.Clear();
        AddVectorTo(row, target);
    }

    /// <summary>A value computed earlier for this snapshot, if any.</summary>
    public T? Memoized<T>(string key)
        where T : class =>
        _memo.TryGetValue(key, out Lazy<object>? value) && value.IsValueCreated ? (T)value.Value : null;

    /// <summary>
    /// Runs a memo's computation. Whole-store builds (word statistics, summaries, themes) allocate hundreds of MB of
    /// short-lived arrays for a result of a few MB, and the GC keeps most of those pages committed afterwards (the
    /// serve benchmark: 317 MB committed for 137 MB live after the store summary). When the outermost build on this
    /// snapshot allocated more than <see cref="ReclaimAfterBytes"/>, one compacting collection that decommits what
    /// it frees returns them: once per snapshot and key, never on a command that reads a memo already made.
    /// </summary>
    private object Build<T>(Func<T> compute)
        where T : class
    {
        bool outermost = Interlocked.Increment(ref _building) == 1;
        long before = outermost ? LargeGarbage.AllocatedSoFar() : 0; // process-wide: builds may run in parallel
        try
        {
            return compute();
        }
        finally
        {
            if (Interlocked.Decrement(ref _building) == 0 && outermost)
            {
                LargeGarbage.ReclaimIfAllocatedSince(before);
            }
        }
    }

    /// <summary>Computes a value once per snapshot (whole-store summaries and themes). A failed computation is not kept: the next caller tries again.</summary>
    public T Memo<T>(string key, Func<T> compute)
        where T : class
    {
        Lazy<object> entry = _memo.GetOrAdd(key, _ => new Lazy<object>(() => Build(compute)));
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

/// <summary>
/// Holds the corpus snapshots and rebuilds one when the documents it covers change. The operator's documents have
/// one snapshot, which DMs and every server without documents of its own share; a server with documents gets a
/// snapshot extending it (<see cref="CorpusSnapshot.Extend"/>). When the store's revision changes, a snapshot whose
/// documents (id, text hash, title, whether it has vectors) are unchanged is kept, so one server adding a source does not reload the seeds
/// (nor recompute their themes) for everyone else.
/// Eviction: at most <see cref="TextEngineOptions.GuildSnapshots"/> server snapshots, the least recently used dropped
/// first; a server's snapshot is dropped as soon as it has no documents left.
/// </summary>
public sealed class CorpusCache(IDocumentStore store, IAnalysisStore analyses, IOptions<TextEngineOptions>? options = null) : IDisposable
{
    private const int LargeSnapshotRows = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly int _guildCapacity = options?.Value.GuildSnapshots ?? TextEngineOptions.DefaultGuildSnapshots;
    private readonly Dictionary<ulong, GuildSnapshot> _guilds = [];
    private volatile ScopeIndex? _index;
    private volatile CorpusSnapshot? _operator;
    private long _uses;

    /// <summary>Answers about single documents, remembered per version of each document.</summary>
    public DocumentMemo Documents { get; } = new();

    /// <summary>Servers whose snapshot is held now (for tests and the benchmark).</summary>
    public int GuildSnapshotCount
    {
        get
        {
            lock (_guilds)
            {
                return _guilds.Count;
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The snapshot of the operator's documents (what a DM sees).</summary>
    internal Task<CorpusSnapshot> GetAsync(CancellationToken cancellationToken) => GetAsync(DocumentScope.OperatorOnly, cancellationToken);

    /// <summary>The snapshot of the documents visible in <paramref name="scope"/>.</summary>
    internal async Task<CorpusSnapshot> GetAsync(DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        long revision = await store.GetRevisionAsync(cancellationToken);
        if (Current(scope, revision) is { } current)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Current(scope, revision) is { } loaded)
            {
                return loaded;
            }

            ScopeIndex index = await IndexAsync(revision, cancellationToken);
            CorpusSnapshot? previous = _operator;
            CorpusSnapshot shared = previous is { } op && SameDocuments(op.Documents, index.Operator)
                ? op
                : await LoadAsync(revision, index.Operator, cancellationToken);
            _operator = shared;
            if (!ReferenceEquals(shared, previous) && (shared.Rows.Length >= LargeSnapshotRows || previous?.Rows.Length >= LargeSnapshotRows))
            {
                // Building a large snapshot streams every stored vector through short-lived arrays (and may retire the
                // previous one); a compacting collection returns those pages to the system rather than keeping them
                // as the process's working set. Once per change of the operator's documents, large stores only.
                LargeGarbage.Reclaim();
            }
            if (scope.GuildId is not ulong guild || !index.ByGuild.TryGetValue(guild, out IReadOnlyList<DocumentInfo>? own))
            {
                PruneGuilds(index, shared);
                return shared;
            }

            GuildSnapshot? known;
            lock (_guilds)
            {
                known = _guilds.GetValueOrDefault(guild);
            }

            CorpusSnapshot snapshot = known is not null && ReferenceEquals(known.Shared, shared) && SameDocuments(known.Own, own)
                ? known.Snapshot
                : await ExtendAsync(shared, revision, own, cancellationToken);
            lock (_guilds)
            {
                _guilds[guild] = new GuildSnapshot(snapshot, shared, own, revision, ++_uses);
                while (_guilds.Count > _guildCapacity)
                {
                    _guilds.Remove(_guilds.MinBy(g => g.Value.LastUse).Key);
                }
            }

            PruneGuilds(index, shared);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The document, as listed at the store's current revision, when it is visible in <paramref name="scope"/>.</summary>
    /// <exception cref="DocumentNotFoundException">Unknown, or another server's.</exception>
    internal async Task<DocumentInfo> EnsureVisibleAsync(long documentId, DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        long revision = await store.GetRevisionAsync(cancellationToken);
        ScopeIndex? index = _index;
        if (index is null || index.Revision != revision)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                index = await IndexAsync(revision, cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        if (!index.ById.TryGetValue(documentId, out DocumentInfo? info) || !scope.Includes(info))
        {
            throw new DocumentNotFoundException(documentId);
        }

        return info;
    }

    /// <summary>The snapshot already checked against this revision, if any (no lock: the common case).</summary>
    private CorpusSnapshot? Current(DocumentScope scope, long revision)
    {
        ScopeIndex? index = _index;
        CorpusSnapshot? shared = _operator;
        if (index is null || index.Revision != revision || shared is null || !ReferenceEquals(index, _index))
        {
            return null;
        }

        if (scope.GuildId is not ulong guild || !index.ByGuild.ContainsKey(guild))
        {
            return ReferenceEquals(index.CheckedOperator, shared) ? shared : null;
        }

        lock (_guilds)
        {
            if (_guilds.TryGetValue(guild, out GuildSnapshot? known) && known.CheckedAt == revision && ReferenceEquals(known.Shared, shared))
            {
                _guilds[guild] = known with { LastUse = ++_uses };
                return known.Snapshot;
            }
        }

        return null;
    }

    private async Task<ScopeIndex> IndexAsync(long revision, CancellationToken cancellationToken)
    {
        if (_index is { } index && index.Revision == revision)
        {
            return index;
        }

        IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(cancellationToken);
        index = new ScopeIndex(revision, documents);
        _index = index;
        return index;
    }

    /// <summary>Marks what was checked at this revision and drops snapshots of servers that no longer have documents.</summary>
    private void PruneGuilds(ScopeIndex index, CorpusSnapshot shared)
    {
        index.CheckedOperator = shared;
        lock (_guilds)
        {
            foreach (ulong gone in _guilds.Keys.Where(g => !index.ByGuild.ContainsKey(g)).ToList())
            {
                _guilds.Remove(gone);
            }
        }
    }

    /// <summary>Same ids, texts and titles, and the same analysis kind (a document's vectors arriving in the background changes it).</summary>
    private static bool SameDocuments(IReadOnlyList<DocumentInfo> held, IReadOnlyList<DocumentInfo> now) =>
        held.Count == now.Count &&
        held.Zip(now).All(p => p.First.Id == p.Second.Id &&
                               p.First.HasVectors == p.Second.HasVectors &&
                               string.Equals(p.First.ContentHash, p.Second.ContentHash, StringComparison.Ordinal) &&
                               string.Equals(p.First.Title, p.Second.Title, StringComparison.Ordinal));

    /// <summary>A server's snapshot: the operator's plus its own documents, each loaded on its own (a server holds few).</summary>
    private async Task<CorpusSnapshot> ExtendAsync(CorpusSnapshot shared, long revision, IReadOnlyList<DocumentInfo> own, CancellationToken cancellationToken)
    {
        var rows = new List<SentenceRow>();
        var vectors = new List<float[]?>();
        foreach (DocumentInfo info in own)
        {
            AnalyzedDocument loaded;
            try
            {
                loaded = await DocumentLoader.LoadAsync(store, analyses, info.Id, cancellationToken);
            }
            catch (DocumentNotFoundException)
            {
                continue; // removed since the list was read: the next revision has the new list
            }

            foreach (Sentence sentence in loaded.Document.Sentences.Where(s => s.IsQuotable))
            {
                rows.Add(new SentenceRow(info.Id, sentence.Ordinal, sentence.ParagraphNumber, sentence.Text, loaded.Analysis.SentenceSalience[sentence.Ordinal]));
                vectors.Add(loaded.Analysis.SentenceVectors?[sentence.Ordinal]);
            }
        }

        int dimension = vectors.FirstOrDefault(v => v is not null)?.Length ?? 0;
        QuantizedVectors? quantized = dimension == 0 ? null : new QuantizedVectors(rows.Count, dimension);
        bool[]? hasVector = quantized is null ? null : new bool[rows.Count];
        for (int i = 0; i < rows.Count && quantized is not null; i++)
        {
            if (vectors[i] is { } v && v.Length == dimension)
            {
                quantized.Set(i, v);
                hasVector![i] = true;
            }
        }

        return CorpusSnapshot.Extend(shared, revision, own, [.. rows], dimension, quantized, hasVector);
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
    public Task WarmUpAsync(CancellationToken cancellationToken) => WarmUpAsync(DocumentScope.OperatorOnly, cancellationToken);

    /// <summary>Loads the snapshot of <paramref name="scope"/> (e.g. right after a server added or removed a source).</summary>
    public async Task WarmUpAsync(DocumentScope scope, CancellationToken cancellationToken)
    {
        CorpusSnapshot snapshot = await GetAsync(scope, cancellationToken);
        _ = snapshot.Terms;
    }

    /// <summary>The documents at one store revision, by owner.</summary>
    private sealed class ScopeIndex
    {
        public ScopeIndex(long revision, IReadOnlyList<DocumentInfo> documents)
        {
            Revision = revision;
            var ordered = documents.OrderBy(d => d.Id).ToList();
            ById = ordered.ToDictionary(d => d.Id);
            Operator = ordered.Where(d => d.GuildId is null).ToList();
            ByGuild = ordered.Where(d => d.GuildId is not null)
                .GroupBy(d => d.GuildId!.Value)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<DocumentInfo>)g.ToList());
        }

        public long Revision { get; }

        public IReadOnlyDictionary<long, DocumentInfo> ById { get; }

        public IReadOnlyList<DocumentInfo> Operator { get; }

        public IReadOnlyDictionary<ulong, IReadOnlyList<DocumentInfo>> ByGuild { get; }

        /// <summary>The operator snapshot confirmed to match <see cref="Operator"/>, once it is.</summary>
        public CorpusSnapshot? CheckedOperator
        {
            get => Volatile.Read(ref _checkedOperator);
            set => Volatile.Write(ref _checkedOperator, value);
        }

        private CorpusSnapshot? _checkedOperator;
    }

    private sealed record GuildSnapshot(CorpusSnapshot Snapshot, CorpusSnapshot Shared, IReadOnlyList<DocumentInfo> Own, long CheckedAt, long LastUse);
}
