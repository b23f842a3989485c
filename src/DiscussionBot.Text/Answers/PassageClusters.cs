using System.Runtime.CompilerServices;
using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Clusters of passages under average linkage: each cluster's summed TF-IDF vector (lexical cosine of the sums)
/// and, with embeddings, its summed sentence vector (dot of the means). Each live cluster remembers its most
/// similar partner, so finding the closest pair is O(clusters) and a merge costs O(clusters) similarity updates.
/// </summary>
/// <remarks>
/// A cluster's summed TF-IDF vector is a list of terms in the order they were first added, and a dot product walks the
/// shorter list looking each term up in the longer one, laid out over the whole vocabulary (<see cref="TermTable"/>):
/// the same products added in the same order as a dictionary lookup per term, which made the first <c>/themes</c> of a
/// 600-paragraph document spend most of its time here. State is held in plain arrays: a first call runs this code
/// before the JIT has optimised it, and unoptimised code pays a call for every list or 2-D array access.
/// </remarks>
internal sealed class PassageClusters
{
    private readonly List<int>?[] _members;
    private readonly Terms[] _lexical;
    private readonly float[]?[] _vectors;
    private readonly double[] _lexicalNorms;

    // similarity of clusters a and b at [a * n + b]
    private readonly double[] _similarity;
    private readonly int _n;
    private readonly int[] _nearest;
    private readonly bool _withVectors;

    // one cluster's terms laid out for lookups: the cluster being compared with many others, and any other one
    private readonly TermTable _pinned;
    private readonly TermTable _other;
    private int _singleSentence;

    public PassageClusters(List<List<int>> units, LexicalVectors lexical, IReadOnlyList<float[]>? vectors)
    {
        int n = units.Count;
        _n = n;
        _withVectors = vectors is not null;
        _pinned = new TermTable(lexical.Vocabulary);
        _other = new TermTable(lexical.Vocabulary);
        _members = units.Select(u => (List<int>?)new List<int>(u)).ToArray();
        _lexical = units.Select(u => Sum(lexical, u, _other)).ToArray();
        _vectors = units.Select(u => vectors is null ? null : Sum(u.Select(i => vectors[i]), vectors[0].Length)).ToArray();
        _lexicalNorms = _lexical.Select(t => t.Norm()).ToArray();
        _singleSentence = units.Count(u => u.Count == 1);
        Count = n;
        _similarity = new double[n * n];
        _nearest = new int[n];

        // every pair once, each cluster laid out once: the longer of a pair is looked up, the shorter walked
        for (int looked = 0; looked < n; looked++)
        {
            _pinned.Hold(looked, _lexical[looked]);
            for (int walked = 0; walked < n; walked++)
            {
                (int a, int b) = walked < looked ? (walked, looked) : (looked, walked);
                if (walked != looked && LookedUp(a, b) == looked)
                {
                    double s = Similarity(a, b);
                    _similarity[(a * n) + b] = s;
                    _similarity[(b * n) + a] = s;
                }
            }
        }

        for (int a = 0; a < n; a++)
        {
            _nearest[a] = FindNearest(a);
        }
    }

    public int Count { get; private set; }

    public bool HasSingleSentence => _singleSentence > 0;

    public (int A, int B, double Similarity) ClosestPair()
    {
        int bestA = -1;
        double best = double.NegativeInfinity;
        for (int a = 0; a < _n; a++)
        {
            if (_members[a] is not null && _nearest[a] >= 0 && _similarity[(a * _n) + _nearest[a]] > best)
            {
                best = _similarity[(a * _n) + _nearest[a]];
                bestA = a;
            }
        }

        int bestB = _nearest[bestA];
        return (Math.Min(bestA, bestB), Math.Max(bestA, bestB), best);
    }

    /// <summary>Merges cluster <paramref name="b"/> into <paramref name="a"/>.</summary>
    public void Merge(int a, int b)
    {
        List<int> into = _members[a]!;
        List<int> from = _members[b]!;
        _singleSentence -= (into.Count == 1 ? 1 : 0) + (from.Count == 1 ? 1 : 0);
        into.AddRange(from);
        into.Sort();
        _members[b] = null;
        Count--;
        _pinned.Forget();
        _other.Hold(-1, _lexical[a]);
        _lexical[a].Add(_lexical[b], _other);
        _other.Forget();
        _lexicalNorms[a] = _lexical[a].Norm();

        if (_vectors[a] is { } va && _vectors[b] is { } vb)
        {
            for (int i = 0; i < va.Length; i++)
            {
                va[i] += vb[i];
            }
        }

        _pinned.Hold(a, _lexical[a]);
        for (int c = 0; c < _n; c++)
        {
            if (c != a && _members[c] is not null)
            {
                double s = Similarity(a, c);
                _similarity[(a * _n) + c] = s;
                _similarity[(c * _n) + a] = s;
            }
        }

        _nearest[a] = FindNearest(a);
        for (int c = 0; c < _n; c++)
        {
            if (c == a || _members[c] is null)
            {
                continue;
            }

            if (_nearest[c] == a || _nearest[c] == b)
            {
                _nearest[c] = FindNearest(c);
            }
            else if (_similarity[(c * _n) + a] > _similarity[(c * _n) + _nearest[c]])
            {
                _nearest[c] = a;
            }
        }
    }

    public List<List<int>> Members() => _members.Where(m => m is not null).Select(m => m!).ToList();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindNearest(int a)
    {
        int best = -1;
        int row = a * _n;
        for (int c = 0; c < _n; c++)
        {
            if (c != a && _members[c] is not null && (best < 0 || _similarity[row + c] > _similarity[row + best]))
            {
                best = c;
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Similarity(int a, int b)
    {
        double norms = _lexicalNorms[a] * _lexicalNorms[b];
        double lex = norms > 0 ? Dot(a, b) / norms : 0;
        if (!_withVectors)
        {
            return lex;
        }

        double dot = VectorMath.Dot(_vectors[a], _vectors[b]) / (_members[a]!.Count * (double)_members[b]!.Count);
        return (0.3 * lex) + (0.7 * dot);
    }

    /// <summary>Of <see cref="Dot"/>(a, b), the cluster whose terms are looked up: the longer one (the second on a tie).</summary>
    private int LookedUp(int a, int b) => _lexical[a].Count > _lexical[b].Count ? a : b;

    /// <summary>Dot product of two clusters' summed TF-IDF vectors: the shorter one's terms (the first on a tie), in order, looked up in the other.</summary>
    private double Dot(int a, int b)
    {
        int looked = LookedUp(a, b);
        TermTable table = _pinned.Holds(looked) ? _pinned : _other;
        if (!table.Holds(looked))
        {
            table.Hold(looked, _lexical[looked]);
        }

        return _lexical[looked == a ? b : a].Dot(table);
    }

    private static Terms Sum(LexicalVectors lexical, List<int> members, TermTable scratch)
    {
        var sum = new Terms();
        scratch.Hold(-1, sum);
        foreach (int m in members)
        {
            sum.Add(lexical.RowIds(m), lexical.RowWeights(m), scratch);
        }

        scratch.Forget();
        return sum;
    }

    private static float[] Sum(IEnumerable<float[]> vectors, int dimension)
    {
        float[] sum = new float[dimension];
        foreach (float[] v in vectors)
        {
            for (int i = 0; i < dimension; i++)
            {
                sum[i] += v[i];
            }
        }

        return sum;
    }

    /// <summary>A sparse vector of term weights, its terms in the order they were first added.</summary>
    private sealed class Terms
    {
        private int[] _ids = new int[16];
        private double[] _weights = new double[16];

        public int Count { get; private set; }

        /// <summary>Adds weights term by term: a known term's weight grows, a new one is appended.</summary>
        /// <param name="positions">Holds this vector (where each of its terms is); kept up to date.</param>
        public void Add(ReadOnlySpan<int> ids, ReadOnlySpan<double> weights, TermTable positions)
        {
            for (int k = 0; k < ids.Length; k++)
            {
                int at = positions.PositionOf(ids[k]);
                if (at >= 0)
                {
                    _weights[at] += weights[k];
                    continue;
                }

                if (Count == _ids.Length)
                {
                    Array.Resize(ref _ids, 2 * Count);
                    Array.Resize(ref _weights, 2 * Count);
                }

                positions.Place(ids[k], Count, weights[k]);
                _ids[Count] = ids[k];
                _weights[Count] = weights[k];
                Count++;
            }
        }

        /// <inheritdoc cref="Add(ReadOnlySpan{int}, ReadOnlySpan{double}, TermTable)"/>
        public void Add(Terms other, TermTable positions) =>
            Add(other._ids.AsSpan(0, other.Count), other._weights.AsSpan(0, other.Count), positions);

        public double Norm()
        {
            double sum = 0;
            for (int k = 0; k < Count; k++)
            {
                sum += _weights[k] * _weights[k];
            }

            return Math.Sqrt(sum);
        }

        /// <summary>This vector's dot product with the one <paramref name="table"/> holds, summed in this vector's order.</summary>
        /// <remarks>
        /// Compiled optimised from its first call: the first <c>/themes</c> of a long document runs it millions of times
        /// within a fraction of a second, mostly before tiered compilation would have replaced its unoptimised version.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Dot(TermTable table)
        {
            int[] ids = _ids;
            double[] weights = _weights;
            int[] stamps = table.Stamps;
            double[] held = table.Weights;
            int stamp = table.Stamp;
            double dot = 0;
            for (int k = 0; k < Count; k++)
            {
                int id = ids[k];
                if (stamps[id] == stamp)
                {
                    dot += weights[k] * held[id];
                }
            }

            return dot;
        }

        public void CopyTo(TermTable table)
        {
            for (int k = 0; k < Count; k++)
            {
                table.Place(_ids[k], k, _weights[k]);
            }
        }
    }

    /// <summary>
    /// One cluster's terms spread over the vocabulary (weight and position by term id), for lookups without hashing.
    /// Entries are stamped with a generation: an entry whose stamp is not <see cref="Stamp"/> is not held, so holding
    /// another cluster costs its own terms only.
    /// </summary>
    private sealed class TermTable(int vocabulary)
    {
        private readonly int[] _positions = new int[vocabulary];
        private int _cluster = -2;

        public int[] Stamps { get; } = new int[vocabulary];

        public double[] Weights { get; } = new double[vocabulary];

        public int Stamp { get; private set; }

        public bool Holds(int cluster) => _cluster == cluster;

        public void Hold(int cluster, Terms terms)
        {
            Stamp++;
            _cluster = cluster;
            terms.CopyTo(this);
        }

        /// <summary>Holds nothing any more (the held cluster changed).</summary>
        public void Forget()
        {
            Stamp++;
            _cluster = -2;
        }

        public void Place(int id, int position, double weight)
        {
            Stamps[id] = Stamp;
            _positions[id] = position;
            Weights[id] = weight;
        }

        public int PositionOf(int id) => Stamps[id] == Stamp ? _positions[id] : -1;
    }
}
