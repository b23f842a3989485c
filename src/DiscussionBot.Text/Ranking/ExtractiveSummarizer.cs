using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Ranking;

/// <summary>Greedy maximal-marginal-relevance choice of salient, mutually different sentences.</summary>
public static class ExtractiveSummarizer
{
    public const double Lambda = 0.75;

    private const double NearDuplicate = 0.9;

    /// <param name="options">Tuning; null means <see cref="SummaryOptions.Default"/>.</param>
    /// <param name="headline">
    /// The document's headline when it is known apart from its text (a title from metadata); null means the lines
    /// above the body (the sentences before the first quotable one), which is where a headline line ends up.
    /// </param>
    /// <returns>Indexes of the chosen sentences, in source order.</returns>
    public static IReadOnlyList<int> Select(
        IReadOnlyList<string> sentences,
        IReadOnlyList<bool> quotable,
        IReadOnlyList<float> salience,
        IReadOnlyList<float[]>? vectors,
        int count,
        SummaryOptions? options = null,
        IReadOnlyList<string>? headline = null)
    {
        double floor = (options ?? SummaryOptions.Default).RedundancyFloor;
        var candidates = Enumerable.Range(0, sentences.Count).Where(i => quotable[i]).ToList();
        if (count <= 0 || candidates.Count == 0)
        {
            return [];
        }

        LexicalVectors lexical = LexicalVectors.Build(candidates.Select(i => sentences[i]).ToList());
        double Similarity(int a, int b)
        {
            double s = lexical.Cosine(a, b);
            return vectors is null ? s : Math.Max(s, MeaningOverlap(Dot(vectors[candidates[a]], vectors[candidates[b]]), floor));
        }

        SummaryOptions tuning = options ?? SummaryOptions.Default;
        double max = candidates.Max(i => salience[i]);
        double[] relevance = candidates.Select(i => max > 0 ? salience[i] / max : 0).ToArray();
        headline ??= sentences.Take(candidates[0]).ToList();
        bool keepLead = LeadCarriesMainFact(relevance[0], sentences[candidates[0]], tuning.LeadShare) ||
                        LeadStatesHeadline(relevance[0], candidates.Select(i => sentences[i]).ToList(), headline, tuning.HeadlineLeadShare);
        for (int k = 1; k < candidates.Count; k++)
        {
            // "It/This/He…" points back to a sentence the reader may not be shown
            if (Lexical.Openers.Dangles(sentences[candidates[k]]))
            {
                relevance[k] *= tuning.DanglingWeight;
            }
        }

        bool[] dangles = candidates.Select(i => Lexical.Openers.Dangles(sentences[i])).ToArray();
        return Mmr(relevance, Similarity, count, keepLead ? 0 : null, dangles, tuning.DanglingTolerance).Select(k => candidates[k]).Order().ToList();
    }

    /// <summary>
    /// A lead nearly as central as the best sentence carries the main fact (news puts it first), so the summary
    /// keeps it, unless it opens by pointing back to something the reader has not seen.
    /// </summary>
    /// <param name="leadRelevance">The lead's salience as a share of the best sentence's.</param>
    internal static bool LeadCarriesMainFact(double leadRelevance, string lead, double leadShare) =>
        leadShare <= 1 && leadRelevance >= leadShare && !Lexical.Openers.Dangles(lead);

    /// <summary>
    /// A lead that repeats at least half of the headline's content words (two at least), and no fewer than any later
    /// sentence does, states the news the headline announces ("Ad sales boost Time Warner profit" / "Quarterly profits at … TimeWarner jumped 76%…"), even when
    /// it shares few words with the rest of the text and so ranks low on centrality.
    /// </summary>
    /// <param name="body">The quotable sentences, the lead first.</param>
    internal static bool LeadStatesHeadline(double leadRelevance, IReadOnlyList<string> body, IReadOnlyList<string> headline, double headlineLeadShare)
    {
        if (headlineLeadShare > 1 || leadRelevance < headlineLeadShare || headline.Count == 0 || Lexical.Openers.Dangles(body[0]))
        {
            return false;
        }

        HeadlineWords words = HeadlineWords.Of(headline);
        int lead = words.SharedWith(body[0]);
        return lead >= MinHeadlineWords && 2 * lead >= words.Count && body.Skip(1).All(s => words.SharedWith(s) <= lead);
    }

    /// <summary>Headline words a lead must repeat (one shared word is often just the subject's name).</summary>
    private const int MinHeadlineWords = 2;

    internal static int[] SelectRows(CorpusSnapshot snapshot, List<int> rows, int count, SummaryOptions options, bool corpusLevel = false)
    {
        double floor = options.RedundancyFloor;
        if (rows.Count == 0 || count <= 0)
        {
            return [];
        }

        LexicalVectors lexical = LexicalVectors.Build(rows.Select(r => snapshot.Rows[r].Text).ToList());
        double Similarity(int a, int b)
        {
            double s = lexical.Cosine(a, b);
            return snapshot.HasVectors && snapshot.HasVector![rows[a]] && snapshot.HasVector[rows[b]]
                ? Math.Max(s, MeaningOverlap(snapshot.Dot(rows[a], rows[b]), floor))
                : s;
        }

        double[] relevance;
        if (corpusLevel)
        {
            // across documents a main point matters more when other documents make it too (centroid closeness)
            Dictionary<int, double> centroid = lexical.Centroid(Enumerable.Range(0, rows.Count));
            relevance = Enumerable.Range(0, rows.Count).Select(k => 0.5 + lexical.Cosine(k, centroid)).ToArray();
        }
        else
        {
            double max = rows.Max(r => snapshot.Rows[r].Salience);
            relevance = rows.Select(r => max > 0 ? snapshot.Rows[r].Salience / max : 0).ToArray();
        }

        return Mmr(relevance, Similarity, count).Select(k => rows[k]).Order().ToArray();
    }

    /// <param name="dangles">Per candidate: opens by pointing back ("It", "This", "He"…); null when not checked.</param>
    /// <param name="danglingTolerance">
    /// A pick that dangles yields to the best stand-alone candidate scoring within this much of it (0: never).
    /// </param>
    private static List<int> Mmr(
        double[] relevance, Func<int, int, double> similarity, int count, int? first = null, bool[]? dangles = null, double danglingTolerance = 0)
    {
        int n = relevance.Length;
        var chosen = new List<int>();
        var maxSimilarity = new double[n];
        var taken = new bool[n];
        while (chosen.Count < Math.Min(count, n))
        {
            bool seeded = chosen.Count == 0 && first is not null;
            int best = seeded ? first!.Value : -1;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < n && !seeded; k++)
            {
                if (taken[k])
                {
                    continue;
                }

                // a near-copy of a chosen sentence is never worth repeating, whatever its salience
                double score = (Lambda * relevance[k]) - ((1 - Lambda) * maxSimilarity[k]) - (maxSimilarity[k] >= NearDuplicate ? 10 : 0);
                if (score > bestScore + 1e-12)
                {
                    best = k;
                    bestScore = score;
                }
            }

            if (!seeded && dangles is not null && danglingTolerance > 0 && dangles[best])
            {
                best = StandAloneWithin(relevance, maxSimilarity, taken, dangles, bestScore - danglingTolerance) ?? best;
            }

            taken[best] = true;
            chosen.Add(best);
            for (int k = 0; k < n; k++)
            {
                if (!taken[k])
                {
                    maxSimilarity[k] = Math.Max(maxSimilarity[k], similarity(best, k));
                }
            }
        }

        return chosen;
    }

    /// <summary>The best candidate not yet taken that does not dangle and scores at least <paramref name="floor"/>.</summary>
    private static int? StandAloneWithin(double[] relevance, double[] maxSimilarity, bool[] taken, bool[] dangles, double floor)
    {
        int? best = null;
        double bestScore = floor - 1e-12;
        for (int k = 0; k < relevance.Length; k++)
        {
            double score = (Lambda * relevance[k]) - ((1 - Lambda) * maxSimilarity[k]) - (maxSimilarity[k] >= NearDuplicate ? 10 : 0);
            if (!taken[k] && !dangles[k] && score > bestScore)
            {
                best = k;
                bestScore = score;
            }
        }

        return best;
    }

    private static double Dot(float[] a, float[] b) => VectorMath.Dot(a, b);

    /// <summary>
    /// Sentences of one story all score high on embedding cosine; only near-paraphrases should count as
    /// redundant, so cosine is rescaled from [floor, 1] to [0, 1].
    /// </summary>
    internal static double MeaningOverlap(double cosine, double redundancyFloor) => Math.Max(0, (cosine - redundancyFloor) / (1 - redundancyFloor));
}
