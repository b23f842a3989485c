using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Groups a store's documents by what they are about: spherical k-means over each document's TF-IDF vector,
/// blended with its mean sentence embedding when the store has vectors. The number of groups is chosen from
/// the store (up to the square root of twice its size, at most <c>maxGroups</c>) by the simplified silhouette.
/// Every document lands in a group; cost is O(documents x groups) per iteration.
/// </summary>
internal static class DocumentClustering
{
    /// <summary>Weight of the lexical cosine beside the embedding cosine when both exist.</summary>
    private const double LexicalShare = 0.5;

    private const int Iterations = 25;
    private const int Restarts = 4;

    /// <returns>Groups of document ids, largest first; documents without words form no group.</returns>
    public static List<List<long>> Cluster(CorpusSnapshot snapshot, StoreTerms terms, int maxGroups)
    {
        var ids = terms.Terms.Where(t => t.Value.Length > 0).Select(t => t.Key).Order().ToList();
        if (ids.Count <= 2)
        {
            return ids.Count == 0 ? [] : [ids];
        }

        Points points = Points.Build(snapshot, terms, ids);
        // up to √(2n) groups: a small store of a few desks plus one odd document still gets a group for each
        int most = Math.Min(maxGroups, Math.Max(2, (int)Math.Ceiling(Math.Sqrt(2.0 * ids.Count))));
        int[]? best = null;
        double bestScore = double.NegativeInfinity;
        for (int k = 2; k <= Math.Min(most, ids.Count - 1); k++)
        {
            int[] assignment = KMeans(points, k);
            double score = Silhouette(points, assignment, k);
            if (score > bestScore + 1e-9)
            {
                bestScore = score;
                best = assignment;
            }
        }

        if (best is null)
        {
            return [ids]; // no split gave two non-empty groups (a tiny store): one group
        }

        best = SetApartFirstSource(snapshot, points, ids, best);

        return Enumerable.Range(0, ids.Count)
            .GroupBy(i => best[i])
            .Select(g => g.Select(i => ids[i]).ToList())
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g[0])
            .ToList();
    }

    /// <summary>
    /// The store's first source is the community's own article (the store was started from it): what the community
    /// discusses. When it sits in its group much less closely than the group's other members do (a North Korea article
    /// among economic news only because nothing else is about it), one theme would misdescribe both, so it is given a
    /// group of its own.
    /// </summary>
    private static int[] SetApartFirstSource(CorpusSnapshot snapshot, Points points, List<long> ids, int[] assignment)
    {
        DocumentInfo? first = snapshot.Documents.OrderBy(d => d.IngestedAt).ThenBy(d => d.Id).FirstOrDefault();
        int at = first is null ? -1 : ids.BinarySearch(first.Id);
        if (at < 0)
        {
            return assignment;
        }

        var group = Enumerable.Range(0, ids.Count).Where(i => assignment[i] == assignment[at]).ToList();
        if (group.Count < 3)
        {
            return assignment;
        }

        // each member's closeness to the rest of its group (the group's centre without it)
        double Fit(int member) => points.Similarity(member, points.CentroidOf(group.Where(i => i != member).ToList()));
        if (FitsItsGroup(Fit(at), group.Where(i => i != at).Select(Fit).ToList()))
        {
            return assignment;
        }

        int[] apart = (int[])assignment.Clone();
        apart[at] = assignment.Max() + 1;
        return apart;
    }

    /// <summary>True unless <paramref name="fit"/> is well below the median of the other members' <paramref name="others"/>.</summary>
    internal static bool FitsItsGroup(double fit, IReadOnlyList<double> others) =>
        others.Count == 0 || fit >= FirstSourceFit * others.Order().ElementAt(others.Count / 2);

    /// <summary>Share of its group's median closeness below which the store's first source is set apart.</summary>
    private const double FirstSourceFit = 0.75;

    private static int[] KMeans(Points points, int k)
    {
        int[]? best = null;
        double bestObjective = double.NegativeInfinity;
        for (int restart = 0; restart < Restarts; restart++)
        {
            var random = new Random(1000 + (17 * restart) + k);
            Centroid[] centroids = Seed(points, k, random);
            int[] assignment = new int[points.Count];
            double objective = 0;
            for (int iteration = 0; iteration < Iterations; iteration++)
            {
                bool changed = false;
                objective = 0;
                for (int i = 0; i < points.Count; i++)
                {
                    (int c, double s) = Nearest(points, i, centroids);
                    objective += s;
                    changed |= iteration == 0 || c != assignment[i];
                    assignment[i] = c;
                }

                if (!changed)
                {
                    break;
                }

                centroids = Update(points, assignment, k, centroids);
            }

            if (objective > bestObjective)
            {
                bestObjective = objective;
                best = assignment;
            }
        }

        return best!;
    }

    /// <summary>k-means++ seeding (seeded random, so the same store always gives the same groups).</summary>
    private static Centroid[] Seed(Points points, int k, Random random)
    {
        var chosen = new List<Centroid> { points.CentroidOf([random.Next(points.Count)]) };
        double[] distance = new double[points.Count];
        while (chosen.Count < k)
        {
            double total = 0;
            for (int i = 0; i < points.Count; i++)
            {
                double s = chosen.Max(c => points.Similarity(i, c));
                distance[i] = Math.Max(0, 1 - s) * Math.Max(0, 1 - s);
                total += distance[i];
            }

            double pick = random.NextDouble() * total;
            int next = 0;
            for (double run = 0; next < points.Count - 1; next++)
            {
                run += distance[next];
                if (run >= pick)
                {
                    break;
                }
            }

            chosen.Add(points.CentroidOf([next]));
        }

        return [.. chosen];
    }

    private static (int Cluster, double Similarity) Nearest(Points points, int i, Centroid[] centroids)
    {
        int best = 0;
        double bestSimilarity = double.NegativeInfinity;
        for (int c = 0; c < centroids.Length; c++)
        {
            double s = points.Similarity(i, centroids[c]);
            if (s > bestSimilarity)
            {
                bestSimilarity = s;
                best = c;
            }
        }

        return (best, bestSimilarity);
    }

    private static Centroid[] Update(Points points, int[] assignment, int k, Centroid[] previous)
    {
        var members = new List<int>[k];
        for (int c = 0; c < k; c++)
        {
            members[c] = [];
        }

        for (int i = 0; i < assignment.Length; i++)
        {
            members[assignment[i]].Add(i);
        }

        // an emptied group keeps its old centre, so k stays as asked
        return Enumerable.Range(0, k).Select(c => members[c].Count == 0 ? previous[c] : points.CentroidOf(members[c])).ToArray();
    }

    /// <summary>Mean over documents of (b - a) / max(a, b), distances taken to group centres (O(n k)).</summary>
    private static double Silhouette(Points points, int[] assignment, int k)
    {
        var members = Enumerable.Range(0, k).Select(c => new List<int>()).ToArray();
        for (int i = 0; i < assignment.Length; i++)
        {
            members[assignment[i]].Add(i);
        }

        Centroid?[] centroids = members.Select(m => m.Count == 0 ? null : points.CentroidOf(m)).ToArray();
        if (centroids.Count(c => c is not null) < 2)
        {
            return double.NegativeInfinity;
        }

        double sum = 0;
        for (int i = 0; i < points.Count; i++)
        {
            double own = 1 - points.Similarity(i, centroids[assignment[i]]!);
            double other = double.PositiveInfinity;
            for (int c = 0; c < k; c++)
            {
                if (c != assignment[i] && centroids[c] is { } centre)
                {
                    other = Math.Min(other, 1 - points.Similarity(i, centre));
                }
            }

            double width = Math.Max(own, other);
            sum += width <= 0 ? 0 : (other - own) / width;
        }

        return sum / points.Count;
    }

    /// <summary>A group centre: unit lexical vector (dense over the vocabulary) and unit mean embedding (null in lexical mode).</summary>
    private sealed record Centroid(double[] Lexical, float[]? Vector);

    /// <summary>
    /// Documents as unit TF-IDF vectors (content words) and unit mean sentence embeddings; a document whose vectors are
    /// still being computed (added moments ago) has none and is compared by its words alone.
    /// </summary>
    private sealed class Points
    {
        private readonly (int[] Ids, double[] Weights)[] _lexical;
        private readonly int _vocabulary;
        private readonly float[]?[]? _vectors;

        private Points((int[] Ids, double[] Weights)[] lexical, int vocabulary, float[]?[]? vectors)
        {
            _lexical = lexical;
            _vocabulary = vocabulary;
            _vectors = vectors;
        }

        public int Count => _lexical.Length;

        public static Points Build(CorpusSnapshot snapshot, StoreTerms terms, List<long> ids)
        {
            var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
            var lexical = new (int[] Ids, double[] Weights)[ids.Count];
            for (int i = 0; i < ids.Count; i++)
            {
                var v = new Dictionary<int, double>();
                foreach (DocumentTerm term in terms.Terms[ids[i]])
                {
                    if (term.Key.Contains(' ', StringComparison.Ordinal))
                    {
                        continue; // words only: phrases repeat their words
                    }

                    int df = terms.DocumentFrequency[term.Key];
                    if (df < 2)
                    {
                        continue; // a word of one document says nothing about groups
                    }

                    if (!vocabulary.TryGetValue(term.Key, out int id))
                    {
                        id = vocabulary.Count;
                        vocabulary[term.Key] = id;
                    }

                    v[id] = (1 + Math.Log(term.Count)) * Math.Log(ids.Count / (double)df);
                }

                double norm = Math.Sqrt(v.Values.Sum(x => x * x));
                lexical[i] = (v.Keys.ToArray(), v.Values.Select(x => norm > 0 ? x / norm : 0).ToArray());
            }

            float[]?[]? vectors = null;
            if (snapshot.HasVectors)
            {
                vectors = new float[ids.Count][];
                for (int i = 0; i < ids.Count; i++)
                {
                    (int start, int count) = snapshot.DocumentRows[ids[i]];
                    float[] sum = new float[snapshot.Dimension];
                    bool any = false;
                    for (int r = start; r < start + count; r++)
                    {
                        if (snapshot.HasVector![r])
                        {
                            snapshot.AddVectorTo(r, sum);
                            any = true;
                        }
                    }

                    vectors[i] = any ? VectorMath.Normalize(sum) : null;
                }
            }

            return new Points(lexical, vocabulary.Count, vectors);
        }

        public double Similarity(int i, Centroid c)
        {
            (int[] ids, double[] weights) = _lexical[i];
            double lex = 0;
            for (int k = 0; k < ids.Length; k++)
            {
                lex += weights[k] * c.Lexical[ids[k]];
            }

            return _vectors?[i] is not { } vector || c.Vector is null
                ? lex
                : (LexicalShare * lex) + ((1 - LexicalShare) * VectorMath.Dot(vector, c.Vector));
        }

        public Centroid CentroidOf(IReadOnlyList<int> members)
        {
            double[] sum = new double[_vocabulary];
            foreach (int m in members)
            {
                (int[] ids, double[] weights) = _lexical[m];
                for (int k = 0; k < ids.Length; k++)
                {
                    sum[ids[k]] += weights[k];
                }
            }

            double norm = Math.Sqrt(sum.Sum(x => x * x));
            if (norm > 0)
            {
                for (int k = 0; k < sum.Length; k++)
                {
                    sum[k] /= norm;
                }
            }

            float[]? vector = null;
            foreach (int m in members)
            {
                if (_vectors?[m] is not { } member)
                {
                    continue;
                }

                vector ??= new float[member.Length];
                for (int d = 0; d < vector.Length; d++)
                {
                    vector[d] += member[d];
                }
            }

            if (vector is not null)
            {
                vector = VectorMath.Normalize(vector);
            }

            return new Centroid(sum, vector);
        }
    }
}
