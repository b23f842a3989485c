using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Clusters of passages under average linkage: each cluster's summed TF-IDF vector (lexical cosine of the sums)
/// and, with embeddings, its summed sentence vector (dot of the means). Each live cluster remembers its most
/// similar partner, so finding the closest pair is O(clusters) and a merge costs O(clusters) similarity updates.
/// </summary>
internal sealed class PassageClusters
{
    private readonly List<List<int>?> _members;
    private readonly List<Dictionary<int, double>> _lexical;
    private readonly List<float[]?> _vectors;
    private readonly List<double> _lexicalNorms;
    private readonly double[,] _similarity;
    private readonly int[] _nearest;
    private readonly bool _withVectors;
    private int _singleSentence;

    public PassageClusters(List<List<int>> units, LexicalVectors lexical, IReadOnlyList<float[]>? vectors)
    {
        int n = units.Count;
        _withVectors = vectors is not null;
        _members = units.Select(u => (List<int>?)new List<int>(u)).ToList();
        _lexical = units.Select(u => lexical.Sum(u)).ToList();
        _vectors = units.Select(u => vectors is null ? null : Sum(u.Select(i => vectors[i]), vectors[0].Length)).ToList();
        _lexicalNorms = _lexical.Select(Norm).ToList();
        _singleSentence = units.Count(u => u.Count == 1);
        Count = n;
        _similarity = new double[n, n];
        _nearest = new int[n];
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                double s = Similarity(a, b);
                _similarity[a, b] = s;
                _similarity[b, a] = s;
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
        for (int a = 0; a < _members.Count; a++)
        {
            if (_members[a] is not null && _nearest[a] >= 0 && _similarity[a, _nearest[a]] > best)
            {
                best = _similarity[a, _nearest[a]];
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
        foreach ((int id, double w) in _lexical[b])
        {
            _lexical[a][id] = _lexical[a].GetValueOrDefault(id) + w;
        }

        _lexicalNorms[a] = Norm(_lexical[a]);

        if (_vectors[a] is { } va && _vectors[b] is { } vb)
        {
            for (int i = 0; i < va.Length; i++)
            {
                va[i] += vb[i];
            }
        }

        for (int c = 0; c < _members.Count; c++)
        {
            if (c != a && _members[c] is not null)
            {
                double s = Similarity(a, c);
                _similarity[a, c] = s;
                _similarity[c, a] = s;
            }
        }

        _nearest[a] = FindNearest(a);
        for (int c = 0; c < _members.Count; c++)
        {
            if (c == a || _members[c] is null)
            {
                continue;
            }

            if (_nearest[c] == a || _nearest[c] == b)
            {
                _nearest[c] = FindNearest(c);
            }
            else if (_similarity[c, a] > _similarity[c, _nearest[c]])
            {
                _nearest[c] = a;
            }
        }
    }

    public List<List<int>> Members() => _members.Where(m => m is not null).Select(m => m!).ToList();

    private int FindNearest(int a)
    {
        int best = -1;
        for (int c = 0; c < _members.Count; c++)
        {
            if (c != a && _members[c] is not null && (best < 0 || _similarity[a, c] > _similarity[a, best]))
            {
                best = c;
            }
        }

        return best;
    }

    private double Similarity(int a, int b)
    {
        double norms = _lexicalNorms[a] * _lexicalNorms[b];
        double lex = norms > 0 ? LexicalVectors.Dot(_lexical[a], _lexical[b]) / norms : 0;
        if (!_withVectors)
        {
            return lex;
        }

        double dot = VectorMath.Dot(_vectors[a], _vectors[b]) / (_members[a]!.Count * (double)_members[b]!.Count);
        return (0.3 * lex) + (0.7 * dot);
    }

    private static double Norm(Dictionary<int, double> v)
    {
        double sum = 0;
        foreach (double w in v.Values)
        {
            sum += w * w;
        }

        return Math.Sqrt(sum);
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
}
