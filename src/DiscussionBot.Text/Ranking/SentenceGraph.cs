using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Ranking;

/// <summary>
/// Sparse TF-IDF vectors of sentences (content-word stems), L2-normalised, for lexical similarity. Rows are held in
/// three flat arrays (a dictionary per sentence took ~120 MB for an 8 MB text's 69,000 sentences), each row's
/// terms in the order the sentence first uses them, so sums and dot products add up in the same order as before.
/// </summary>
internal sealed class LexicalVectors
{
    private readonly int[] _starts;
    private readonly int[] _ids;
    private readonly double[] _weights;
    private readonly int[] _stemCounts;
    private readonly string[] _stems;

    private LexicalVectors(int[] starts, int[] ids, double[] weights, int[] stemCounts, string[] stems)
    {
        _starts = starts;
        _ids = ids;
        _weights = weights;
        _stemCounts = stemCounts;
        _stems = stems;
    }

    public int Count => _starts.Length - 1;

    /// <summary>Distinct stems: every term id is below this.</summary>
    public int Vocabulary => _stems.Length;

    /// <summary>The stem of term <paramref name="id"/>.</summary>
    public string StemOf(int id) => _stems[id];

    /// <summary>Sentence <paramref name="a"/>'s term ids, in the order the sentence first uses them.</summary>
    public ReadOnlySpan<int> RowIds(int a) => _ids.AsSpan(_starts[a], Length(a));

    /// <summary>Sentence <paramref name="a"/>'s weights, in the order of <see cref="RowIds"/>.</summary>
    public ReadOnlySpan<double> RowWeights(int a) => _weights.AsSpan(_starts[a], Length(a));

    /// <param name="idf">Corpus IDF when known; otherwise IDF over these sentences.</param>
    public static LexicalVectors Build(IReadOnlyList<string> sentences, Func<string, double>? idf = null)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var df = new List<int>();
        int[] starts = new int[sentences.Count + 1];
        int[] stemCounts = new int[sentences.Count];
        var ids = new List<int>();
        var counts = new List<int>();
        var row = new Dictionary<int, int>();
        for (int i = 0; i < sentences.Count; i++)
        {
            row.Clear();
            foreach (string stem in Tokenizer.ContentStems(sentences[i]))
            {
                stemCounts[i]++;
                if (!vocabulary.TryGetValue(stem, out int id))
                {
                    id = vocabulary.Count;
                    vocabulary[stem] = id;
                    df.Add(0);
                }

                if (row.TryGetValue(id, out int at))
                {
                    counts[at]++;
                }
                else
                {
                    row[id] = ids.Count;
                    ids.Add(id);
                    counts.Add(1);
                    df[id]++;
                }
            }

            starts[i + 1] = ids.Count;
        }

        string[] stems = new string[vocabulary.Count];
        foreach ((string stem, int id) in vocabulary)
        {
            stems[id] = stem;
        }

        int n = sentences.Count;
        double[] weights = new double[ids.Count];
        for (int i = 0; i < n; i++)
        {
            double norm = 0;
            for (int k = starts[i]; k < starts[i + 1]; k++)
            {
                int id = ids[k];
                double weight = (1 + Math.Log(counts[k])) * (idf?.Invoke(stems[id]) ?? Math.Log(1 + ((n + 1.0) / df[id])));
                weights[k] = weight;
                norm += weight * weight;
            }

            norm = Math.Sqrt(norm);
            if (norm > 0)
            {
                for (int k = starts[i]; k < starts[i + 1]; k++)
                {
                    weights[k] /= norm;
                }
            }
        }

        return new LexicalVectors(starts, [.. ids], weights, stemCounts, stems);
    }

    /// <summary>Content stems of sentence <paramref name="a"/>, repeats included (<see cref="Tokenizer.ContentStems"/>' count).</summary>
    public int StemCount(int a) => _stemCounts[a];

    /// <summary>Cosine of two sentences: the shorter row's terms looked up in the longer row (rows are short).</summary>
    public double Cosine(int a, int b)
    {
        if (Length(a) > Length(b))
        {
            (a, b) = (b, a);
        }

        double dot = 0;
        for (int k = _starts[a]; k < _starts[a + 1]; k++)
        {
            int id = _ids[k];
            for (int j = _starts[b]; j < _starts[b + 1]; j++)
            {
                if (_ids[j] == id)
                {
                    dot += _weights[k] * _weights[j];
                    break;
                }
            }
        }

        return dot;
    }

    /// <summary>Cosine of sentence <paramref name="a"/> with an arbitrary sparse vector (e.g. a centroid).</summary>
    public double Cosine(int a, Dictionary<int, double> centroid)
    {
        double dot = 0;
        for (int k = _starts[a]; k < _starts[a + 1]; k++)
        {
            if (centroid.TryGetValue(_ids[k], out double v))
            {
                dot += _weights[k] * v;
            }
        }

        return dot;
    }

    public Dictionary<int, double> Centroid(IEnumerable<int> members)
    {
        var sum = new Dictionary<int, double>();
        foreach (int m in members)
        {
            for (int k = _starts[m]; k < _starts[m + 1]; k++)
            {
                sum[_ids[k]] = sum.GetValueOrDefault(_ids[k]) + _weights[k];
            }
        }

        double norm = Math.Sqrt(sum.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (int id in sum.Keys.ToList())
            {
                sum[id] /= norm;
            }
        }

        return sum;
    }

    private int Length(int a) => _starts[a + 1] - _starts[a];
}

/// <summary>Tunable weights of <see cref="SentenceRanker"/>.</summary>
internal sealed record RankerSettings(
    double PositionWeight = 0.1,
    double LengthWeight = 1.0,
    double EmbeddingShare = 0.1,
    double EdgeThreshold = 0.0,
    double LongPositionWeight = 5.0,
    double LongLengthWeight = -0.3,
    int LongFrom = 30,
    int LongTo = 45,
    bool DatelineMarksNews = true)
{
    /// <summary>
    /// How far a text of <paramref name="sentences"/> sentences is a long news story (0 short, 1 long). A long story
    /// puts its main fact in the lead and spends the rest on detail, so the lead prior grows with length and long
    /// sentences stop being favoured; in a short item nearly every sentence carries a fact.
    /// </summary>
    public double Longness(int sentences) =>
        LongTo <= LongFrom ? (sentences >= LongTo ? 1 : 0) : Math.Clamp((sentences - LongFrom) / (double)(LongTo - LongFrom), 0, 1);

    public static RankerSettings Default { get; } = new();
}

/// <summary>
/// Sentence centrality: PageRank over the sentence similarity graph (TextRank/LexRank), similarity being
/// TF-IDF cosine, blended with embedding cosine when vectors exist, then a news position prior (lead
/// sentences carry the story, as in PACSUM's forward-looking edges).
/// </summary>
internal static class SentenceRanker
{
    /// <param name="opensWithDateline">
    /// The text opens with a news dateline (<see cref="Documents.TextSegmenter.OpensWithDateline"/>): a wire story whose
    /// lead carries the main fact, ranked with the long-story weights whatever its length.
    /// </param>
    public static float[] Rank(IReadOnlyList<string> sentences, IReadOnlyList<bool> eligible, IReadOnlyList<float[]>? vectors, RankerSettings settings, bool opensWithDateline = false)
    {
        int n = sentences.Count;
        float[] result = new float[n];
        var ids = Enumerable.Range(0, n).Where(i => eligible[i]).ToList();
        if (ids.Count == 0)
        {
            return result;
        }

        if (ids.Count == 1)
        {
            result[ids[0]] = 1;
            return result;
        }

        LexicalVectors lexical = LexicalVectors.Build(ids.Select(i => sentences[i]).ToList());
        int m = ids.Count;
        RowWindow? rows = vectors is null ? null : new RowWindow(vectors, ids, (2 * SimilarityGraph.Window) + 2);
        double Similarity(int a, int b)
        {
            double s = lexical.Cosine(a, b);
            if (rows is not null)
            {
                double e = Math.Max(0, VectorMath.Dot(rows[a], rows[b]));
                s = ((1 - settings.EmbeddingShare) * s) + (settings.EmbeddingShare * e);
            }

            return s < settings.EdgeThreshold ? 0 : s;
        }

        SimilarityGraph graph = SimilarityGraph.Build(m, Similarity);
        double[] centrality = graph.PageRank();
        double mean = centrality.Average();
        // the stems were counted when the rows were built: tokenising 69,000 sentences again allocated ~180 MB
        double[] lengths = Enumerable.Range(0, m).Select(a => Math.Log(1 + lexical.StemCount(a))).ToArray();
        double meanLength = Math.Max(lengths.Average(), 1e-9);
        double longness = opensWithDateline && settings.DatelineMarksNews ? 1 : settings.Longness(m);
        double positionWeight = settings.PositionWeight + (longness * (settings.LongPositionWeight - settings.PositionWeight));
        double lengthWeight = settings.LengthWeight + (longness * (settings.LongLengthWeight - settings.LengthWeight));
        for (int a = 0; a < m; a++)
        {
            double c = centrality[a] / mean;
            double position = 1 + (positionWeight / Math.Sqrt(a + 1));
            double length = 1 + (lengthWeight * ((lengths[a] / meanLength) - 1));
            result[ids[a]] = (float)(c * position * Math.Max(0.1, length));
        }

        return result;
    }
}

/// <summary>
/// The rows of a vector list as the similarity graph reads them: sentence a beside the sentences within
/// <see cref="SimilarityGraph.Window"/> of it. The last <c>span</c> rows read are kept, so each row is fetched from the
/// list once instead of once per pair; a list that decodes its rows (a long document's 8-bit vectors) decodes each
/// into one of <c>span</c> buffers made once, instead of a new array per sentence.
/// </summary>
internal sealed class RowWindow
{
    private readonly IReadOnlyList<float[]> _rows;
    private readonly IReadOnlyList<int> _ids;
    private readonly float[]?[] _held;
    private readonly int[] _heldIndex;
    private readonly bool _copies;

    /// <param name="ids">Row of the list for each index asked for.</param>
    /// <param name="span">More than the distinct indices read between two reads of one index (2 × window + 1 for the graph).</param>
    public RowWindow(IReadOnlyList<float[]> rows, IReadOnlyList<int> ids, int span)
    {
        _rows = rows;
        _ids = ids;
        _held = new float[]?[Math.Min(span, ids.Count)];
        _heldIndex = Enumerable.Repeat(-1, _held.Length).ToArray();
        _copies = rows is ICopiesVectorRows;
    }

    /// <summary>Row <paramref name="index"/>; the array is reused once <c>span</c> other rows have been read since.</summary>
    public float[] this[int index]
    {
        get
        {
            int slot = index % _held.Length;
            if (_heldIndex[slot] != index)
            {
                if (_copies)
                {
                    float[] buffer = _held[slot] ??= new float[SentenceVectorRows.Dimension(_rows)];
                    SentenceVectorRows.CopyRow(_rows, _ids[index], buffer);
                }
                else
                {
                    _held[slot] = _rows[_ids[index]];
                }

                _heldIndex[slot] = index;
            }

            return _held[slot]!;
        }
    }
}

/// <summary>
/// A sparse sentence similarity graph: each sentence links to its most similar sentences within a window of
/// nearby sentences, so building it costs O(m x window) and holding it O(m x neighbours), never m x m.
/// Sentences of one topic sit close together in a text, which is why a window loses little; a short text
/// (no more sentences than the neighbour bound) gets every edge, exactly as a dense graph would.
/// </summary>
internal sealed class SimilarityGraph
{
    /// <summary>Sentences looked at on each side of a sentence.</summary>
    public const int Window = 150;

    /// <summary>Strongest out-edges kept per sentence.</summary>
    public const int Neighbours = 40;

    private readonly int[][] _targets;
    private readonly float[][] _weights;

    private SimilarityGraph(int[][] targets, float[][] weights)
    {
        _targets = targets;
        _weights = weights;
    }

    public int Count => _targets.Length;

    public static SimilarityGraph Build(int m, Func<int, int, double> similarity)
    {
        var targets = new int[m][];
        var weights = new float[m][];
        var row = new List<(int To, double W)>(2 * Window);
        for (int a = 0; a < m; a++)
        {
            row.Clear();
            int last = Math.Min(m - 1, a + Window);
            for (int b = Math.Max(0, a - Window); b <= last; b++)
            {
                if (b == a)
                {
                    continue;
                }

                double s = similarity(a, b);
                if (s > 0)
                {
                    row.Add((b, s));
                }
            }

            if (row.Count > Neighbours)
            {
                row.Sort((x, y) => y.W != x.W ? y.W.CompareTo(x.W) : x.To.CompareTo(y.To));
                row.RemoveRange(Neighbours, row.Count - Neighbours);
                row.Sort((x, y) => x.To.CompareTo(y.To));
            }

            targets[a] = row.Select(e => e.To).ToArray();
            weights[a] = row.Select(e => (float)e.W).ToArray();
        }

        return new SimilarityGraph(targets, weights);
    }

    /// <summary>Out-edges of sentence <paramref name="a"/>: targets ascending, with their weights.</summary>
    public (int[] Targets, float[] Weights) EdgesOf(int a) => (_targets[a], _weights[a]);

    /// <summary>Weighted PageRank (damping 0.85); sentences without edges spread their score evenly.</summary>
    public double[] PageRank()
    {
        int m = Count;
        double[] rowSum = new double[m];
        for (int a = 0; a < m; a++)
        {
            foreach (float w in _weights[a])
            {
                rowSum[a] += w;
            }
        }

        double[] score = Enumerable.Repeat(1.0 / m, m).ToArray();
        double[] next = new double[m];
        const double damping = 0.85;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            Array.Clear(next);
            double dangling = 0;
            for (int a = 0; a < m; a++)
            {
                if (rowSum[a] <= 0)
                {
                    dangling += score[a];
                    continue;
                }

                double share = score[a] / rowSum[a];
                int[] to = _targets[a];
                float[] w = _weights[a];
                for (int k = 0; k < to.Length; k++)
                {
                    next[to[k]] += share * w[k];
                }
            }

            double delta = 0;
            for (int b = 0; b < m; b++)
            {
                double v = ((1 - damping) / m) + (damping * (next[b] + (dangling / m)));
                delta += Math.Abs(v - score[b]);
                score[b] = v;
            }

            if (delta < 1e-10)
            {
                break;
            }
        }

        return score;
    }
}
