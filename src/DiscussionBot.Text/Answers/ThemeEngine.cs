using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Themes: a document's passages (paragraphs, or windows of sentences in unbroken text) are clustered by
/// meaning (TF-IDF cosine, blended with sentence embeddings when stored); each cluster is named by the key
/// phrase most particular to it (as written, preferring its opening sentence), and shows its most
/// representative verbatim sentences. Across the store, documents' key phrases are pooled.
/// </summary>
public sealed class ThemeEngine(
    IDocumentStore store,
    IAnalysisStore analyses,
    CorpusCache cache,
    IOptions<TextEngineOptions> options,
    IOptions<KeyPhraseOptions> keyPhrases,
    IOptions<ThemeOptions>? themeOptions = null) : IThemeEngine
{
    private const int SentencesPerTheme = 3;
    private const int KeyTermsPerTheme = 5;

    private readonly TextEngineOptions _options = options.Value;
    private readonly KeyPhraseOptions _keyPhrases = keyPhrases.Value;
    private readonly ThemeOptions _themes = themeOptions?.Value ?? ThemeOptions.Default;

    public Task<IReadOnlyList<Theme>> FindThemesAsync(long? documentId, CancellationToken cancellationToken) =>
        FindThemesAsync(documentId, DocumentScope.OperatorOnly, cancellationToken);

    public async Task<IReadOnlyList<Theme>> FindThemesAsync(long? documentId, DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (documentId is long id)
        {
            string version = DocumentMemo.VersionOf(await cache.EnsureVisibleAsync(id, scope, cancellationToken));
            string key = $"themes:{id}";
            if (cache.Documents.Find<IReadOnlyList<Theme>>(key, version) is { } remembered)
            {
                return remembered;
            }

            AnalyzedDocument loaded = await DocumentLoader.LoadAsync(store, analyses, id, cancellationToken);
            return cache.Documents.Get(key, version, () => DocumentThemes(loaded, _themes.MaxDocumentThemes, _keyPhrases));
        }

        CorpusSnapshot snapshot = await cache.GetAsync(scope, cancellationToken);
        if (snapshot.Memoized<IReadOnlyList<Theme>>("themes") is { } known)
        {
            return known;
        }

        if (snapshot.Documents.Count == 1)
        {
            AnalyzedDocument only = await DocumentLoader.LoadAsync(store, analyses, snapshot.Documents[0].Id, cancellationToken);
            return snapshot.Memo("themes", () => DocumentThemes(only, _themes.MaxDocumentThemes, _keyPhrases));
        }

        return snapshot.Memo("themes", () => StoreThemes(snapshot, _options.MaxThemes, _themes));
    }

    /// <summary>The store's documents grouped by what they are about, each group named and explained.</summary>
    internal static IReadOnlyList<Theme> StoreThemes(CorpusSnapshot snapshot, int maxThemes, ThemeOptions options)
    {
        StoreTerms terms = snapshot.Memo("store-terms", () => StoreTerms.Build(snapshot));
        DocumentGroups groups = snapshot.Memo("document-groups", () => DocumentClustering.Cluster(snapshot, terms, maxThemes, options.OutlierFit));
        return StoreThemeBuilder.Build(snapshot, terms, groups, maxThemes, options.OwnThemeLength);
    }

    internal static IReadOnlyList<Theme> DocumentThemes(AnalyzedDocument loaded, int maxThemes, KeyPhraseOptions keyPhrases)
    {
        SourceDocument document = loaded.Document;
        var quotable = document.Sentences.Where(s => s.IsQuotable).ToList();
        if (quotable.Count == 0)
        {
            return [];
        }

        // passages: paragraphs, or windows of three sentences when the text has few paragraphs
        List<List<int>> units = Enumerable.Range(0, quotable.Count)
            .GroupBy(i => quotable[i].ParagraphNumber)
            .Select(g => g.ToList())
            .ToList();
        if (units.Count < 3 && quotable.Count >= 6)
        {
            units = Enumerable.Range(0, (quotable.Count + 2) / 3)
                .Select(w => Enumerable.Range(w * 3, Math.Min(3, quotable.Count - (w * 3))).ToList())
                .ToList();
        }

        var texts = quotable.Select(s => s.Text).ToList();
        LexicalVectors lexical = LexicalVectors.Build(texts);
        IReadOnlyList<float[]>? vectors = loaded.Analysis.SentenceVectors is { } all
            ? quotable.Select(s => all[s.Ordinal]).ToList()
            : null;

        List<List<int>> clusters = Cluster(units, lexical, vectors, maxThemes);

        // name each cluster by the phrase most particular to it
        Dictionary<string, PhraseCandidate> candidates = KeyPhraseExtractor.Candidates(texts);
        if (texts.Count <= MaxRankedSentences)
        {
            // word PageRank sharpens labels a little; on a long text its cost is not worth it (scores stay 0)
            KeyPhraseExtractor.Score(candidates, texts, null, keyPhrases);
        }

        int[] clusterOf = new int[quotable.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            foreach (int s in clusters[c])
            {
                clusterOf[s] = c;
            }
        }

        Dictionary<string, int> wordClusters = ClustersPerWord(lexical, clusters);

        HashSet<string> cued = CuedPhrases(texts, candidates);
        var usedLabels = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<NamedCluster>();
        int[] openings = clusters.Select(c => c.Min()).ToArray();
        var profiles = candidates.Values.Select(p => Profile(p, clusterOf, openings, wordClusters, cued)).ToList();
        List<PhraseProfile>[] present = PresentIn(profiles, clusters.Count);
        foreach (List<int> cluster in clusters.OrderByDescending(c => c.Count).ThenBy(c => c.Min()))
        {
            int clusterIndex = clusterOf[cluster[0]];
            var ranked = present[clusterIndex]
                .Select(p => (p.Phrase, Score: (1 + Math.Log(p.Inside[clusterIndex])) * p.Weight * (p.Opens[clusterIndex] ? 2.0 : 1.0)))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Phrase.FirstPosition)
                .Select(x => x.Phrase)
                .ToList();
            // a label is a noun phrase the text states, never one it only negates ("not a genuine expression")
            bool Stated(PhraseCandidate p) => NounPhrases.IsLabelLike(p.Surface) && p.Sentences.Any(i => NounPhrases.OccursUnnegated(texts[i], p.Surface));

            // passages named best by a theme's label, or whose key terms are mostly one theme's, discuss that theme:
            // they join it (a theme spans the paragraphs that discuss it) rather than repeat it under a weaker name
            PhraseCandidate? best = ranked.FirstOrDefault(Stated);
            if (named.FirstOrDefault(n => n.Label == best) is { } sameLabel)
            {
                sameLabel.Members.AddRange(cluster);
                continue;
            }

            PhraseCandidate? label = ranked.FirstOrDefault(p => !usedLabels.Contains(p.Key) && !OverlapsUsed(p, usedLabels) && Stated(p));
            if (label is null)
            {
                continue;
            }

            var keyTerms = ranked
                .Where(p => p == label || ((p.Stems.Length > 1 || p.Frequency > 1) && NounPhrases.IsLikely(p.Surface) &&
                                           !NounPhrases.ActsAsVerb(p.Surface, p.Sentences.Select(i => texts[i])) &&
                                           p.Sentences.Any(i => NounPhrases.OccursUnnegated(texts[i], p.Surface))))
                .Select(p => p.Surface)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(KeyTermsPerTheme)
                .ToList();
            if (named.FirstOrDefault(n => MostlyShared(keyTerms, n.KeyTerms)) is { } same)
            {
                same.Members.AddRange(cluster);
                continue;
            }

            usedLabels.Add(label.Key);
            named.Add(new NamedCluster(label, keyTerms, [.. cluster]));
        }

        var themes = new List<(Theme Theme, int First)>();
        foreach (NamedCluster entry in named)
        {
            List<int> cluster = entry.Members;
            PhraseCandidate label = entry.Label;
            Dictionary<int, double> centroid = lexical.Centroid(cluster);
            float[]? vectorCentroid = vectors is null ? null : VectorMath.Mean(cluster.Select(i => vectors[i]), vectors[0].Length);
            var ranking = cluster
                .Select(i => (Index: i, Score: Representativeness(i, lexical, centroid, vectors, vectorCentroid, label, texts[i]) + (0.25 * loaded.Analysis.SentenceSalience[quotable[i].Ordinal])))
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Index)
                .Select(x => x.Index)
                .ToList();
            // a sentence opening with "It…" or "This…" is quoted after the sentence it points back to, the one just before it
            // in its paragraph (one that opens a paragraph is read alone: it more often introduces than refers back)
            int? Antecedent(int i) =>
                i > 0 && quotable[i - 1].Ordinal == quotable[i].Ordinal - 1 && quotable[i - 1].ParagraphNumber == quotable[i].ParagraphNumber &&
                ThemeQuotes.PointsBack(texts[i]) ? i - 1 : null;
            var representative = ThemeQuotes.Choose(SpreadOverParagraphs(ranking, i => quotable[i].ParagraphNumber), ranking, Antecedent, SentencesPerTheme)
                .Select(i => quotable[i])
                .Select(s => ExtractiveSummarizer.QuotedAlone(new CitedSentence(document.CiteSentence(s), s.Text)))
                .ToList();
            var theme = new Theme(CapitaliseFirst(label.Surface), entry.KeyTerms, cluster.Count / (double)quotable.Count, representative);
            themes.Add((theme, cluster.Min()));
        }

        return themes
            .OrderByDescending(t => t.Theme.Share)
            .ThenBy(t => t.First)
            .Take(maxThemes)
            .Select(t => t.Theme)
            .ToList();
    }

    /// <summary>A cluster of one document's passages with the name and key terms chosen for it; later clusters about the same thing join it.</summary>
    private sealed record NamedCluster(PhraseCandidate Label, List<string> KeyTerms, List<int> Members);

    /// <summary>True when more than half of <paramref name="terms"/> are among <paramref name="other"/>'s.</summary>
    private static bool MostlyShared(List<string> terms, List<string> other) =>
        terms.Count > 0 && 2 * terms.Count(t => other.Contains(t, StringComparer.OrdinalIgnoreCase)) > terms.Count;

    /// <summary>The ranked items, one per paragraph before any paragraph's second, so a theme shows where in the text it recurs.</summary>
    internal static List<int> SpreadOverParagraphs(List<int> ranking, Func<int, int> paragraphOf)
    {
        var paragraphs = new HashSet<int>();
        var first = new List<int>();
        var rest = new List<int>();
        foreach (int i in ranking)
        {
            (paragraphs.Add(paragraphOf(i)) ? first : rest).Add(i);
        }

        first.AddRange(rest);
        return first;
    }

    /// <summary>
    /// For each content stem, how many clusters use it (the document frequency of c-TF-IDF, clusters being the
    /// documents), read from the sentences' TF-IDF rows rather than by tokenising the text again.
    /// </summary>
    private static Dictionary<string, int> ClustersPerWord(LexicalVectors lexical, List<List<int>> clusters)
    {
        int[] count = new int[lexical.Vocabulary];
        int[] lastCluster = new int[lexical.Vocabulary];
        Array.Fill(lastCluster, -1);
        for (int c = 0; c < clusters.Count; c++)
        {
            foreach (int sentence in clusters[c])
            {
                foreach (int id in lexical.RowIds(sentence))
                {
                    if (lastCluster[id] != c)
                    {
                        lastCluster[id] = c;
                        count[id]++;
                    }
                }
            }
        }

        var perWord = new Dictionary<string, int>(count.Length, StringComparer.Ordinal);
        for (int id = 0; id < count.Length; id++)
        {
            perWord[lexical.StemOf(id)] = count[id];
        }

        return perWord;
    }

    /// <summary>Each cluster's candidates (those with an occurrence in it), in the order of <paramref name="profiles"/>.</summary>
    private static List<PhraseProfile>[] PresentIn(List<PhraseProfile> profiles, int clusterCount)
    {
        var present = new List<PhraseProfile>[clusterCount];
        for (int c = 0; c < clusterCount; c++)
        {
            present[c] = [];
        }

        foreach (PhraseProfile profile in profiles)
        {
            for (int c = 0; c < clusterCount; c++)
            {
                if (profile.Inside[c] > 0)
                {
                    present[c].Add(profile);
                }
            }
        }

        return present;
    }

    private static bool OverlapsUsed(PhraseCandidate phrase, HashSet<string> used) =>
        used.Any(u => u.Split(' ').Intersect(phrase.Stems, StringComparer.Ordinal).Any());

    /// <summary>
    /// How much a phrase belongs to this cluster and not to the others: its words' cluster-level IDF (c-TF-IDF),
    /// favouring the cluster's opening sentence, phrases introduced as a topic ("the idea of ...") and abstract
    /// nouns, and disfavouring names (entities are what a text is about, not the angle it takes).
    /// </summary>
    /// <summary>Sentences of a text above which themes skip word PageRank when naming clusters.</summary>
    private const int MaxRankedSentences = 400;

    /// <summary>A candidate's occurrences per cluster (and whether it is in a cluster's opening sentence), with its cluster-independent weight.</summary>
    private sealed record PhraseProfile(PhraseCandidate Phrase, int[] Inside, bool[] Opens, double Weight);

    private static PhraseProfile Profile(PhraseCandidate phrase, int[] clusterOf, int[] openings, Dictionary<string, int> wordClusters, HashSet<string> cued)
    {
        int[] inside = new int[openings.Length];
        bool[] opens = new bool[openings.Length];
        foreach (int s in phrase.Sentences)
        {
            int c = clusterOf[s];
            inside[c]++;
            opens[c] |= s == openings[c];
        }

        return new PhraseProfile(phrase, inside, opens, Weight(phrase, openings.Length, wordClusters, cued));
    }

    /// <summary>
    /// How much a phrase belongs to one cluster and not the others, apart from its count there: its words' cluster-level
    /// IDF (c-TF-IDF), favouring phrases introduced as a topic ("the idea of ...") and abstract nouns, and disfavouring
    /// names (entities are what a text is about, not the angle it takes). The cluster's opening sentence doubles it.
    /// </summary>
    private static double Weight(PhraseCandidate phrase, int clusterCount, Dictionary<string, int> wordClusters, HashSet<string> cued)
    {
        double idf = phrase.Stems.Average(stem => Math.Log(1 + (clusterCount / (double)Math.Max(1, wordClusters.GetValueOrDefault(stem, 1)))));
        string surface = phrase.Surface;
        double score = idf * (1 + (0.2 * Math.Min(phrase.Score, 3.0)));
        if (cued.Contains(phrase.Key))
        {
            score *= 2.5;
        }

        if (phrase.Stems.Length is 2 or 3)
        {
            score *= 1.2;
        }
        else if (phrase.Stems.Length == 1 && !cued.Contains(phrase.Key) && surface.Length <= 4)
        {
            // A short bare word ("act", "show") names a theme badly unless the text itself presents it as one.
            score *= 0.5;
        }

        string last = surface.Split(' ')[^1];
        if (AbstractNounEndings.Any(e => last.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            score *= 1.4;
        }

        if (surface.Split(' ').Any(w => w.Length > 0 && char.IsUpper(w[0])) && phrase.Surfaces.Count > 0)
        {
            score *= 0.4;
        }

        if (last.EndsWith("ed", StringComparison.Ordinal) || last.EndsWith("ing", StringComparison.Ordinal))
        {
            score *= 0.6;
        }

        return score;
    }

    private static readonly string[] AbstractNounEndings =
        ["ity", "ism", "ness", "tion", "sion", "ment", "ance", "ence", "ship", "ganda", "ics", "ief", "dom"];

    private static readonly string[] TopicCues =
        ["idea of", "question of", "notion of", "issue of", "matter of", "theme of", "concept of", "sense of", "problem of", "role of", "is about", "theme is", "story about"];

    /// <summary>Keys of candidates that the text introduces as a topic ("the idea of expendability").</summary>
    private static HashSet<string> CuedPhrases(IReadOnlyList<string> texts, Dictionary<string, PhraseCandidate> candidates)
    {
        var cued = new HashSet<string>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            foreach (string cue in TopicCues)
            {
                int at = text.IndexOf(cue, StringComparison.OrdinalIgnoreCase);
                while (at >= 0)
                {
                    List<Token> after = Tokenizer.Tokenize(text, at + cue.Length, Math.Min(text.Length, at + cue.Length + 60));
                    var stems = new List<string>();
                    foreach (Token t in after)
                    {
                        if (stems.Count == 0 && t.Lower is "the" or "a" or "an" or "this" or "that" or "its" or "their")
                        {
                            continue; // "the question of [the] authenticity"
                        }

                        if (stems.Count == 0 && t.IsStopWord)
                        {
                            break; // "a sense of [it being an] act" introduces no topic
                        }

                        if (KeyPhraseExtractor.IsBreaker(t) || stems.Count == KeyPhraseExtractor.MaxWords)
                        {
                            break;
                        }

                        stems.Add(t.Stem);
                    }

                    for (int length = stems.Count; length >= 1; length--)
                    {
                        string key = string.Join(' ', stems.Take(length));
                        if (candidates.ContainsKey(key))
                        {
                            cued.Add(key);
                            break;
                        }
                    }

                    at = text.IndexOf(cue, at + cue.Length, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        return cued;
    }

    private static double Representativeness(int i, LexicalVectors lexical, Dictionary<int, double> centroid, IReadOnlyList<float[]>? vectors, float[]? vectorCentroid, PhraseCandidate label, string text)
    {
        double score = lexical.Cosine(i, centroid);
        if (vectors is not null && vectorCentroid is not null)
        {
            score = (0.5 * score) + (0.5 * VectorMath.Dot(vectors[i], vectorCentroid));
        }

        return label.Sentences.Contains(i) ? score + 0.3 : score;
    }

    /// <summary>
    /// Average-linkage agglomerative clustering of passages, merging only clearly similar ones. A long text's
    /// adjacent passages are first joined into at most <see cref="MaxPassages"/> runs, and each cluster keeps
    /// its nearest neighbour, so a merge updates one row instead of rescanning every pair.
    /// </summary>
    private static List<List<int>> Cluster(List<List<int>> units, LexicalVectors lexical, IReadOnlyList<float[]>? vectors, int maxClusters)
    {
        var clusters = new PassageClusters(Coalesce(units, MaxPassages), lexical, vectors);
        double threshold = vectors is null ? 0.25 : 0.7;
        while (clusters.Count > 1)
        {
            (int a, int b, double best) = clusters.ClosestPair();
            bool mustMerge = clusters.Count > maxClusters * 2 || (clusters.HasSingleSentence && clusters.Count > maxClusters);
            if (best < threshold && !mustMerge)
            {
                break;
            }

            clusters.Merge(a, b);
        }

        return clusters.Members();
    }

    /// <summary>Most passages clustered one by one; a longer text's neighbouring passages are joined first.</summary>
    internal const int MaxPassages = 160;

    private static List<List<int>> Coalesce(List<List<int>> units, int most)
    {
        if (units.Count <= most)
        {
            return units;
        }

        int per = (units.Count + most - 1) / most;
        return units.Chunk(per).Select(run => run.SelectMany(u => u).ToList()).ToList();
    }

    private static string CapitaliseFirst(string phrase) =>
        phrase.Length == 0 || char.IsUpper(phrase[0]) ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}
