using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Ranking;

/// <summary>Sparse TF-IDF vectors of sentences (content-word stems), L2-normalised, for lexical similarity.</summary>
internal sealed class LexicalVectors
{
    private readonly Dictionary<int, double>[] _vectors;

    private LexicalVectors(Dictionary<int, double>[] vectors) => _vectors = vectors;

    public int Count => _vectors.Length;

    /// <param name="idf">Corpus IDF when known; otherwise IDF over these sentences.</param>
    public static LexicalVectors Build(IReadOnlyList<string> sentences, Func<string, double>? idf = null)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<Dictionary<int, int>>(sentences.Count);
        var df = new Dictionary<int, int>();
        foreach (string sentence in sentences)
        {
            var tf = new Dictionary<int, int>();
            foreach (string stem in Tokenizer.ContentStems(sentence))
            {
                if (!vocabulary.TryGetValue(stem, out int id))
                {
                    id = vocabulary.Count;
                    vocabulary[stem] = id;
                }

                tf[id] = tf.GetValueOrDefault(id) + 1;
            }

            foreach (int id in tf.Keys)
            {
                df[id] = df.GetValueOrDefault(id) + 1;
            }

            counts.Add(tf);
        }

        string[] stems = new string[vocabulary.Count];
        foreach ((string stem, int id) in vocabulary)
        {
            stems[id] = stem;
        }

        int n = sentences.Count;
        var vectors = new Dictionary<int, double>[n];
        for (int i = 0; i < n; i++)
        {
            var v = new Dictionary<int, double>(counts[i].Count);
            double norm = 0;
            foreach ((int id, int tf) in counts[i])
            {
                double weight = (1 + Math.Log(tf)) * (idf?.Invoke(stems[id]) ?? Math.Log(1 + ((n + 1.0) / df[id])));
                v[id] = weight;
                norm += weight * weight;
            }

            norm = Math.Sqrt(norm);
            if (norm > 0)
            {
                foreach (int id in v.Keys.ToList())
                {
                    v[id] /= norm;
                }
            }

            vectors[i] = v;
        }

        return new LexicalVectors(vectors);
    }

    public double Cosine(int a, int b)
    {
        Dictionary<int, double> x = _vectors[a];
        Dictionary<int, double> y = _vectors[b];
        if (x.Count > y.Count)
        {
            (x, y) = (y, x);
        }

        double dot = 0;
        foreach ((int id, double w) in x)
        {
            if (y.TryGetValue(id, out double v))
            {
                dot += w * v;
            }
        }

        return dot;
    }

    /// <summary>Cosine of sentence <paramref name="a"/> with an arbitrary sparse vector (e.g. a centroid).</summary>
    public double Cosine(int a, Dictionary<int, double> centroid)
    {
        double dot = 0;
        foreach ((int id, double w) in _vectors[a])
        {
            if (centroid.TryGetValue(id, out double v))
            {
                dot += w * v;
            }
        }

        return dot;
    }

    public Dictionary<int, double> Centroid(IEnumerable<int> members)
    {
        var sum = new Dictionary<int, double>();
        foreach (int m in members)
        {
            foreach ((int id, double w) in _vectors[m])
            {
                sum[id] = sum.GetValueOrDefault(id) + w;
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
}

/// <summary>Tunable weights of <see cref="SentenceRanker"/>.</summary>
internal sealed record RankerSettings(
    double PositionWeight = 0.1,
    double LengthWeight = 1.0,
    double EmbeddingShare = 0.1,
    double EdgeThreshold = 0.0)
{
    public static RankerSettings Default { get; } = new();
}

/// <summary>
/// Sentence centrality: PageRank over the sentence similarity graph (TextRank/LexRank), similarity being
/// TF-IDF cosine, blended with embedding cosine when vectors exist, then a news position prior (lead
/// sentences carry the story, as in PACSUM's forward-looking edges).
/// </summary>
internal static class SentenceRanker
{
    public static float[] Rank(IReadOnlyList<string> sentences, IReadOnlyList<bool> eligible, IReadOnlyList<float[]>? vectors, RankerSettings settings)
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
        double[,] sim = new double[m, m];
        for (int a = 0; a < m; a++)
        {
            for (int b = a + 1; b < m; b++)
            {
                double s = lexical.Cosine(a, b);
                if (vectors is not null)
                {
                    double e = Math.Max(0, VectorMath.Dot(vectors[ids[a]], vectors[ids[b]]));
                    s = ((1 - settings.EmbeddingShare) * s) + (settings.EmbeddingShare * e);
                }

                if (s < settings.EdgeThreshold)
                {
                    s = 0;
                }

                sim[a, b] = s;
                sim[b, a] = s;
            }
        }

        double[] centrality = PageRank(sim, m);
        double mean = centrality.Average();
        double[] lengths = ids.Select(i => Math.Log(1 + Tokenizer.ContentStems(sentences[i]).Count)).ToArray();
        double meanLength = Math.Max(lengths.Average(), 1e-9);
        for (int a = 0; a < m; a++)
        {
            double c = centrality[a] / mean;
            double position = 1 + (settings.PositionWeight / Math.Sqrt(a + 1));
            double length = 1 + (settings.LengthWeight * ((lengths[a] / meanLength) - 1));
            result[ids[a]] = (float)(c * position * Math.Max(0.1, length));
        }

        return result;
    }

    private static double[] PageRank(double[,] sim, int m)
    {
        double[] rowSum = new double[m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                rowSum[a] += sim[a, b];
            }
        }

        double[] score = Enumerable.Repeat(1.0 / m, m).ToArray();
        const double damping = 0.85;
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double[] next = new double[m];
            double dangling = 0;
            for (int a = 0; a < m; a++)
            {
                if (rowSum[a] <= 0)
                {
                    dangling += score[a];
                    continue;
                }

                double share = score[a] / rowSum[a];
                for (int b = 0; b < m; b++)
                {
                    next[b] += share * sim[a, b];
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
