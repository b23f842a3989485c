using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Groups a store's documents by what they are about: spherical k-means over each document's TF-IDF vector,
/// blended with its mean sentence embedding when the store has vectors. The number of groups is chosen from
/// the store (up to the square root of twice its size, at most <c>maxGroups</c>) by the simplified silhouette.
/// Every document lands in a group, unless it fits its group far less well than the store's documents usually fit
/// theirs (then it is set apart); cost is O(documents x groups) per iteration.
/// </summary>
internal static class DocumentClustering
{
    /// <summary>Weight of the lexical cosine beside the embedding cosine when both exist.</summary>
    private const double LexicalShare = 0.5;

    private const int Iterations = 25;
    private const int Restarts = 4;

    /// <param name="outlierFit">
    /// A document whose mean similarity to the rest of its group is below this share of the store's median is set
    /// apart (<see cref="ThemeOptions.OutlierFit"/>); 0 sets none apart.
    /// </param>
    /// <returns>Groups of document ids, largest first, and the documents set apart; documents without words are in neither.</returns>
    public static DocumentGroups Cluster(CorpusSnapshot snapshot, StoreTerms terms, int maxGroups, double outlierFit)
    {
        var ids = terms.Terms.Where(t => t.Value.Length > 0).Select(t => t.Key).Order().ToList();
        if (ids.Count <= 2)
        {
            return new DocumentGroups(ids.Count == 0 ? [] : [ids], []);
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
            return new DocumentGroups([ids], []); // no split gave two non-empty groups (a tiny store): one group
        }

        bool[] apart = Outliers(points, best, outlierFit);
        var groups = Enumerable.Range(0, ids.Count)
            .Where(i => !apart[i])
            .GroupBy(i => best[i])
            .Select(g => g.Select(i => ids[i]).ToList())
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g[0])
            .ToList();
        return new DocumentGroups(groups, Enumerable.Range(0, ids.Count).Where(i => apart[i]).Select(i => ids[i]).ToList());
    }

    /// <summary>
    /// Documents that fit their group far less well than documents of this store usually fit theirs: k-means puts
    /// every document somewhere, so an article about North Korea among economic news, or a gallery opening among
    /// West End musicals, lands in the group it is least unlike, and one theme would then misdescribe both. A
    /// document's fit is its mean similarity to the other members of its group (the same measure for a pair as for
    /// a large group); the store's median fit over documents in groups of two or more is the yardstick. A group left
    /// with one member keeps it; a pair whose documents are not even each other's nearest is no subject either.
    /// </summary>
    private static bool[] Outliers(Points points, int[] assignment, double outlierFit)
    {
        bool[] apart = new bool[assignment.Length];
        if (outlierFit <= 0)
        {
            return apart;
        }

        double[] fit = MeanFits(points, assignment);
        var measured = Enumerable.Range(0, fit.Length).Where(i => !double.IsNaN(fit[i])).Select(i => fit[i]).Order().ToList();
        if (measured.Count == 0)
        {
            return apart;
        }

        double floor = outlierFit * measured[measured.Count / 2];
        for (int i = 0; i < fit.Length; i++)
        {
            apart[i] = !double.IsNaN(fit[i]) && fit[i] < floor;
        }

        // two documents that are not even each other's nearest are no subject: each was left over by the groups around it
        foreach (IGrouping<int, int> pair in Enumerable.Range(0, fit.Length).GroupBy(i => assignment[i]).Where(g => g.Count() == 2))
        {
            (int a, int b) = (pair.First(), pair.Last());
            if (points.Nearest(a) != b && points.Nearest(b) != a)
            {
                apart[a] = apart[b] = true;
            }
        }

        return apart;
    }

    /// <summary>Each document's mean similarity to the other members of its group (NaN alone in its group); O(n) similarities.</summary>
    private static double[] MeanFits(Points points, int[] assignment)
    {
        double[] fit = new double[assignment.Length];
        foreach (IGrouping<int, int> group in Enumerable.Range(0, assignment.Length).GroupBy(i => assignment[i]))
        {
            var members = group.ToList();
            if (members.Count < 2)
            {
                fit[members[0]] = double.NaN;
                continue;
            }

            // mean over the others = (similarity to the sum of all members - similarity to itself) / (members - 1)
            Centroid sum = points.SumOf(members);
            foreach (int i in members)
            {
                fit[i] = (points.Similarity(i, sum) - points.SelfSimilarity(i)) / (members.Count - 1);
            }
        }

        return fit;
    }

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

    /// <summary>A group centre (or sum of members): unit lexical vector (dense over the vocabulary) and unit mean embedding (null in lexical mode).</summary>
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

        /// <summary>The document most similar to document <paramref name="i"/> (O(documents x its words)).</summary>
        public int Nearest(int i)
        {
            Centroid self = CentroidOf([i]);
            int best = -1;
            double bestSimilarity = double.NegativeInfinity;
            for (int j = 0; j < Count; j++)
            {
                double s = j == i ? double.NegativeInfinity : Similarity(j, self);
                if (s > bestSimilarity)
                {
                    bestSimilarity = s;
                    best = j;
                }
            }

            return best;
        }

        /// <summary>Similarity of a document to itself: 1 for unit vectors, less when one of its two parts is missing.</summary>
        public double SelfSimilarity(int i)
        {
            double lex = _lexical[i].Weights.Sum(w => w * w);
            return _vectors?[i] is not { } vector ? lex : (LexicalShare * lex) + ((1 - LexicalShare) * VectorMath.Dot(vector, vector));
        }

        /// <summary>
        /// The members' vectors added up, not normalised: a document's similarity to it is the sum of its similarities to
        /// each member (a member still without a vector adds only its words).
        /// </summary>
        public Centroid SumOf(IReadOnlyList<int> members) => Combine(members, normalise: false);

        public Centroid CentroidOf(IReadOnlyList<int> members) => Combine(members, normalise: true);

        private Centroid Combine(IReadOnlyList<int> members, bool normalise)
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
            if (normalise && norm > 0)
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

            if (normalise && vector is not null)
            {
                vector = VectorMath.Normalize(vector);
            }

            return new Centroid(sum, vector);
        }
    }
}

/// <summary>A store's documents by subject: groups largest first, and the documents that fit no group.</summary>
internal sealed record DocumentGroups(List<List<long>> Groups, List<long> Apart);
