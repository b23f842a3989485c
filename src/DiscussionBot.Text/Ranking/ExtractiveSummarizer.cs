using DiscussionBot.Core.Answers;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;

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
        // a candidate's predecessor is the sentence just before it in the text, when that one may be quoted
        int[] previous = Enumerable.Range(0, candidates.Count).Select(k => k > 0 && candidates[k - 1] == candidates[k] - 1 ? k - 1 : -1).ToArray();
        var openers = new Openings(candidates.Select(i => sentences[i]).ToList(), previous);
        List<int> chosen = Mmr(relevance, Similarity, count, keepLead ? 0 : null);
        return WithReferents(chosen, openers, Similarity, tuning).Select(k => candidates[k]).Order().ToList();
    }

    /// <summary>
    /// Where the quote of each chosen sentence starts (<see cref="CitedSentence.ShownFrom"/>): after its
    /// opening connective when the sentence just before it in the text is not shown (<see cref="SummaryOptions.TrimConnectives"/>).
    /// </summary>
    /// <param name="ordinals">The chosen sentences' places in their document.</param>
    /// <param name="texts">Their texts, in the same order.</param>
    public static int[] ShownFrom(IReadOnlyList<int> ordinals, IReadOnlyList<string> texts, SummaryOptions options)
    {
        var shown = ordinals.ToHashSet();
        return ordinals.Select((o, k) => options.TrimConnectives && !shown.Contains(o - 1) ? Openers.ConnectiveEnd(texts[k]) : 0).ToArray();
    }

    /// <summary>
    /// A sentence quoted on its own, as a theme's evidence is (ranked by how well it carries the theme, never beside the
    /// sentence before it): from the word after an opening connective, so "Furthermore, …" does not go on from nothing.
    /// </summary>
    public static CitedSentence QuotedAlone(CitedSentence sentence) => sentence with { ShownFrom = Openers.ConnectiveEnd(sentence.Text) };

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

        SentenceRow Row(int k) => snapshot.Rows[rows[k]];
        int[] previous = Enumerable.Range(0, rows.Count)
            .Select(k => k > 0 && Row(k - 1).DocumentId == Row(k).DocumentId && Row(k - 1).Ordinal == Row(k).Ordinal - 1 ? k - 1 : -1)
            .ToArray();
        var openers = new Openings(rows.Select(r => snapshot.Rows[r].Text).ToList(), previous);
        List<int> chosen = Mmr(relevance, Similarity, count);
        return WithReferents(chosen, openers, Similarity, options).Select(k => rows[k]).Order().ToArray();
    }

    /// <summary>The candidates' texts and, per candidate, the candidate just before it in the text (or -1).</summary>
    private sealed record Openings(IReadOnlyList<string> Texts, int[] Previous)
    {
        private readonly PointingBack[] _kinds = Texts.Select(Openers.Kind).ToArray();

        /// <summary>
        /// True when the candidate, shown without the sentence before it, would leave the reader asking who or what it
        /// means: it opens with a pronoun or demonstrative ("It…", "He…", "This…"), also after a connective ("But he…"),
        /// or with a connective it cannot be quoted without ("But…" before fewer than three words).
        /// </summary>
        public bool NeedsReferent(int k) => _kinds[k] != PointingBack.None && Openers.Kind(Texts[k][Openers.ConnectiveEnd(Texts[k])..]) != PointingBack.None;

        public bool StandsAlone(int k) => _kinds[k] == PointingBack.None;
    }

    /// <summary>
    /// The chosen sentences with, before each one that needs its referent (<see cref="Openings.NeedsReferent"/>) and
    /// does not follow it, the sentences it points back to: its predecessors up to one that stands alone or is shown,
    /// at most <see cref="SummaryOptions.ReferentSentences"/>, none repeating a shown sentence. News names a person or
    /// thing once and goes on with "he" or "it"; shown that sentence first, the reader knows whom "he" means. A chain
    /// that cannot be resolved within the limit is left as it is (so is a lead opening with "She…": nothing precedes it).
    /// </summary>
    private static List<int> WithReferents(List<int> chosen, Openings openers, Func<int, int, double> similarity, SummaryOptions options)
    {
        var shown = chosen.ToHashSet();
        var result = new List<int>(chosen);
        foreach (int k in chosen.Order())
        {
            if (!openers.NeedsReferent(k) || openers.Previous[k] < 0 || shown.Contains(openers.Previous[k]))
            {
                continue;
            }

            var chain = new List<int>();
            for (int p = openers.Previous[k]; p >= 0 && chain.Count < options.ReferentSentences; p = openers.Previous[p])
            {
                if (shown.Any(c => similarity(c, p) >= NearDuplicate))
                {
                    break;
                }

                chain.Add(p);
                // resolved at a sentence that stands alone, or at one whose own predecessor is shown
                if (openers.StandsAlone(p) || (openers.Previous[p] >= 0 && shown.Contains(openers.Previous[p])))
                {
                    shown.UnionWith(chain);
                    result.AddRange(chain);
                    break;
                }
            }
        }

        return result;
    }

    private static List<int> Mmr(double[] relevance, Func<int, int, double> similarity, int count, int? first = null)
    {
        int n = relevance.Length;
        var chosen = new List<int>();
        var maxSimilarity = new double[n];
        var taken = new bool[n];
        double Score(int k) => (Lambda * relevance[k]) - ((1 - Lambda) * maxSimilarity[k]) - (maxSimilarity[k] >= NearDuplicate ? 10 : 0);
        while (chosen.Count < Math.Min(count, n))
        {
            bool seeded = chosen.Count == 0 && first is not null;
            int best = seeded ? first!.Value : -1;
            double bestScore = double.NegativeInfinity;
            for (int k = 0; k < n && !seeded; k++)
            {
                // a near-copy of a chosen sentence is never worth repeating, whatever its salience
                double score = Score(k);
                if (!taken[k] && score > bestScore + 1e-12)
                {
                    best = k;
                    bestScore = score;
                }
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

    private static double Dot(float[] a, float[] b) => VectorMath.Dot(a, b);

    /// <summary>
    /// Sentences of one story all score high on embedding cosine; only near-paraphrases should count as
    /// redundant, so cosine is rescaled from [floor, 1] to [0, 1].
    /// </summary>
    internal static double MeaningOverlap(double cosine, double redundancyFloor) => Math.Max(0, (cosine - redundancyFloor) / (1 - redundancyFloor));
}
