using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Names and explains groups of documents: key terms by class-based TF-IDF (how much more of the group's
/// documents use a term than the store's), each term given to the one group that uses it most, noun phrases
/// only, one word never repeated within a theme; the label is its best phrase as written and never one the
/// text negates; the sentences come from the group's most typical documents, one per document.
/// </summary>
internal static class StoreThemeBuilder
{
    public const int KeyTermsPerTheme = 10;
    public const int SentencesPerTheme = 3;
    public const string OtherLabel = "Other sources";

    /// <summary>Main points quoted for the other sources, one per source: they share no theme, so each is its own subject.</summary>
    public const int OtherMainPoints = 10;

    /// <param name="maxThemes">Most themes; documents set apart take the room the groups leave, the rest go under <see cref="OtherLabel"/>.</param>
    /// <param name="ownThemeLength">See <see cref="ThemeOptions.OwnThemeLength"/>.</param>
    public static IReadOnlyList<Theme> Build(CorpusSnapshot snapshot, StoreTerms terms, DocumentGroups grouping, int maxThemes, double ownThemeLength)
    {
        int total = snapshot.Documents.Count;
        (List<List<long>> groups, List<long> other) = OwnThemes(snapshot, grouping, maxThemes, ownThemeLength);
        var groupOf = new Dictionary<long, int>();
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (long id in groups[g])
            {
                groupOf[id] = g;
            }
        }

        // df per group, occurrences per group, and each term's owner: the group where the largest share of documents use it
        var groupFrequency = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var groupOccurrences = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach ((long id, DocumentTerm[] list) in terms.Terms)
        {
            if (!groupOf.TryGetValue(id, out int g))
            {
                continue;
            }

            foreach (DocumentTerm term in list)
            {
                if (!groupFrequency.TryGetValue(term.Key, out int[]? counts))
                {
                    counts = new int[groups.Count];
                    groupFrequency[term.Key] = counts;
                    groupOccurrences[term.Key] = new int[groups.Count];
                }

                counts[g]++;
                groupOccurrences[term.Key][g] += term.Count;
            }
        }

        // every phrase of two or three words under each of its words, so a name is found whole whichever group owns it
        var phrasesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string key in groupFrequency.Keys.Where(k => k.Contains(' ', StringComparison.Ordinal)))
        {
            foreach (string word in key.Split(' ').Distinct(StringComparer.Ordinal))
            {
                if (!phrasesOf.TryGetValue(word, out List<string>? list))
                {
                    list = [];
                    phrasesOf[word] = list;
                }

                list.Add(key);
            }
        }

        var themes = new List<Theme>();
        var usedLabels = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int g = 0; g < groups.Count; g++)
        {
            List<long> members = groups[g];
            int minimum = members.Count >= 3 ? Math.Max(2, (int)Math.Ceiling(0.1 * members.Count)) : 1;
            var ranked = new List<(string Key, double Score)>();
            foreach ((string key, int[] counts) in groupFrequency)
            {
                int inside = counts[g];
                if (inside < minimum || Owner(counts, groups) != g)
                {
                    continue;
                }

                // a subject's words recur within each document that treats it; a passing word ("attempt") does not
                double share = inside / (double)members.Count;
                double recurrence = 1 + (RecurrenceWeight * Math.Log(groupOccurrences[key][g] / (double)inside));
                double score = share * recurrence * Math.Log(1 + (total / (double)terms.DocumentFrequency[key]));
                ranked.Add((key, score));
            }

            ranked.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : string.CompareOrdinal(x.Key, y.Key));
            List<string> keyTerms = ChooseTerms(ranked, terms, groupFrequency, groupOccurrences, phrasesOf, g);
            string label = ChooseLabel(ranked, keyTerms, terms, snapshot, members, usedLabels);
            usedLabels.Add(label);
            List<long> ordered = Typical(members, terms, keyTerms, snapshot);
            var sentences = Sentences(snapshot, ordered, keyTerms);
            var sources = ordered.Select(id => new ThemeSource(id, snapshot.DocumentsById[id].Title)).ToList();
            themes.Add(new Theme(Capitalise(label), keyTerms.Select(terms.Surface).ToList(), members.Count / (double)Math.Max(1, total), sentences)
            {
                Sources = sources,
            });
        }

        // documents that fit no theme, and those without any words to group by, are listed as such, so every document is accounted for
        var left = other.Select(id => snapshot.DocumentsById[id])
            .Concat(snapshot.Documents.Where(d => !groupOf.ContainsKey(d.Id) && !other.Contains(d.Id)))
            .ToList();
        if (left.Count > 0)
        {
            var sentences = left.Where(d => snapshot.DocumentRows.ContainsKey(d.Id))
                .Take(OtherMainPoints)
                .Select(d => SummaryEngine.Cite(snapshot, SummaryEngine.MainPoint(snapshot, d.Id, SummaryOptions.Default.HeadlineLeadShare)))
                .ToList();
            themes.Add(new Theme(OtherLabel, [], left.Count / (double)Math.Max(1, total), sentences)
            {
                Sources = left.Select(d => new ThemeSource(d.Id, d.Title)).ToList(),
                IsOther = true,
            });
        }

        return themes;
    }

    /// <summary>
    /// Documents set apart from every group get a theme of their own while there is room under
    /// <paramref name="maxThemes"/>, longest first, if they are long (<paramref name="ownThemeLength"/> times the
    /// sentences of the store's median document): such a document is a subject in its own right (the community's own
    /// article among news it does not resemble). Shorter ones, and any beyond the room, are "other sources"; so is the
    /// document of a group of one that is not long: a theme quoting a single short article is no subject the store
    /// discusses ("Autumn conference · 1 source" on the member store).
    /// </summary>
    private static (List<List<long>> Groups, List<long> Other) OwnThemes(CorpusSnapshot snapshot, DocumentGroups grouping, int maxThemes, double ownThemeLength)
    {
        int Sentences(long id) => snapshot.DocumentRows.TryGetValue(id, out (int Start, int Count) rows) ? rows.Count : 0;
        var lengths = snapshot.Documents.Select(d => Sentences(d.Id)).Order().ToList();
        int median = lengths.Count == 0 ? 0 : lengths[lengths.Count / 2];

        // a group of one short document is no theme of the store either: it is weighed like a document set apart
        var lone = grouping.Groups.Where(g => g.Count == 1 && grouping.Groups.Count > 1 && Sentences(g[0]) < ownThemeLength * median).ToList();
        var groups = grouping.Groups.Except(lone).ToList();
        var apart = grouping.Apart.Concat(lone.Select(g => g[0])).ToList();
        if (apart.Count == 0)
        {
            return (groups, []);
        }

        var other = new List<long>();
        foreach (long id in apart.OrderByDescending(Sentences).ThenBy(id => id))
        {
            if (groups.Count < maxThemes && Sentences(id) >= ownThemeLength * median)
            {
                groups.Add([id]);
            }
            else
            {
                other.Add(id);
            }
        }

        return (groups, other);
    }

    private static int Owner(int[] counts, List<List<long>> groups)
    {
        int best = 0;
        double bestShare = -1;
        for (int g = 0; g < counts.Length; g++)
        {
            double share = counts[g] / (double)groups[g].Count;
            if (share > bestShare)
            {
                bestShare = share;
                best = g;
            }
        }

        return best;
    }

    /// <summary>The best noun phrases; a name stands with its full form when the group mostly writes it so.</summary>
    private static List<string> ChooseTerms(
        List<(string Key, double Score)> ranked, StoreTerms terms, Dictionary<string, int[]> groupFrequency, Dictionary<string, int[]> groupOccurrences,
        Dictionary<string, List<string>> phrasesOf, int g)
    {
        var chosen = new List<string>();
        var usedStems = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string key, _) in ranked)
        {
            string term = key;
            string surface = terms.Surface(term);
            if (!key.Contains(' ', StringComparison.Ordinal) && surface.Length > 0 && char.IsUpper(surface[0]))
            {
                term = FullName(key, phrasesOf.GetValueOrDefault(key) ?? [], terms, groupFrequency, groupOccurrences, g) ?? term;
                surface = terms.Surface(term);
            }

            string[] stems = term.Split(' ');
            if (stems.Any(usedStems.Contains) || !NounPhrases.IsLikely(surface) || NounPhrases.IsGeneric(surface))
            {
                continue;
            }

            chosen.Add(term);
            usedStems.UnionWith(stems);
            if (chosen.Count == KeyTermsPerTheme)
            {
                break;
            }
        }

        return chosen;
    }

    /// <summary>
    /// A name is one entity, never its pieces: "Brown" alone may be Gordon Brown or Ian Brown, and "Kim", "Jong" and
    /// "North" are pieces of Kim Jong Un and North Korea. A capitalised word stands as a name of capitalised words
    /// containing it that half of the group's documents using the word write: the two-word name it ends (a surname),
    /// or, longest first, a name it begins or sits inside that also accounts for half of the word's occurrences (so
    /// "Blackpool" does not become "Blackpool Hotel Association", which is another entity).
    /// </summary>
    private static string? FullName(
        string word, List<string> phrases, StoreTerms terms, Dictionary<string, int[]> groupFrequency,
        Dictionary<string, int[]> groupOccurrences, int g) =>
        phrases
            .Where(k => groupFrequency[k][g] * 2 >= groupFrequency[word][g] && groupFrequency[k][g] > 0 &&
                        (k.EndsWith(" " + word, StringComparison.Ordinal)
                            ? k.Count(c => c == ' ') == 1
                            : groupOccurrences[k][g] * 2 >= groupOccurrences[word][g]) &&
                        IsName(terms.Surface(k)))
            .OrderByDescending(k => k.Count(c => c == ' '))
            .ThenByDescending(k => groupFrequency[k][g])
            .ThenBy(k => k, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>Every word capitalised ("Gordon Brown", "Kim Jong Un"), as a name is written.</summary>
    private static bool IsName(string surface) => surface.Split(' ').All(w => w.Length > 0 && char.IsUpper(w[0]));

    /// <summary>
    /// The name of the group: a phrase of two or three words that half of its documents share, else its best term
    /// (a phrase counting half as much again as a word), never an adjective,
    /// a word acting as a verb ("won", "fuels the") or as a modifier ("foreign" in "foreign policy"), nor a phrase
    /// the text negates.
    /// </summary>
    private static string ChooseLabel(
        List<(string Key, double Score)> ranked, List<string> keyTerms, StoreTerms terms, CorpusSnapshot snapshot, List<long> members,
        HashSet<string> used)
    {
        double top = ranked.Count > 0 ? ranked[0].Score : 0;
        List<string> sentences = GroupSentences(snapshot, members);
        var scores = ranked.Take(40).ToDictionary(r => r.Key, r => r.Score, StringComparer.Ordinal);
        var candidates = ranked
            .Take(40)
            .Where(r => r.Score >= LabelScoreShare * top)
            .Select(r => r.Key)
            .Concat(keyTerms.Take(5))
            .Distinct(StringComparer.Ordinal)
            .Select((key, order) => (Key: key, Order: order, Documents: DocumentsUsing(key, terms, members)))
            .OrderBy(c => IsSharedPhrase(c.Key, c.Documents, members.Count) ? 0 : 1)
            .ThenByDescending(c => scores.GetValueOrDefault(c.Key) * (c.Key.Contains(' ', StringComparison.Ordinal) ? PhraseBonus : 1))
            .ThenBy(c => c.Order)
            .Select(c => c.Key);
        foreach (string key in candidates)
        {
            string surface = terms.Surface(key);
            bool adjective = !surface.Contains(' ', StringComparison.Ordinal) && surface.EndsWith("ic", StringComparison.OrdinalIgnoreCase);
            if (!used.Contains(surface) && !adjective && NounPhrases.IsLabelLike(surface) && !NounPhrases.IsGeneric(surface) &&
                !NounPhrases.ActsAsVerb(surface, sentences) && !NounPhrases.ActsAsModifier(surface, sentences) && Faithful(surface, snapshot, members))
            {
                return surface;
            }
        }

        return keyTerms.Count > 0 ? terms.Surface(keyTerms[0]) : snapshot.DocumentsById[members[0]].Title;
    }

    /// <summary>
    /// A phrase of two or three words that half of the group's documents use (at least two, unless the group is one
    /// document) names the group better
    /// than any lone word ("Indoor Championships" rather than "race"), so it is tried first.
    /// </summary>
    private static bool IsSharedPhrase(string key, int documents, int members) =>
        key.Contains(' ', StringComparison.Ordinal) && documents >= Math.Max(Math.Min(2, members), (members + 1) / 2);

    /// <summary>Quotable sentences of the group's documents (for the verb check of a label).</summary>
    private static List<string> GroupSentences(CorpusSnapshot snapshot, List<long> members)
    {
        var sentences = new List<string>();
        foreach (long id in members)
        {
            (int start, int count) = snapshot.DocumentRows[id];
            for (int r = start; r < start + count; r++)
            {
                sentences.Add(snapshot.Rows[r].Text);
            }
        }

        return sentences;
    }

    /// <summary>Weight of recurrence within a document in a key term's score (c-TF-IDF's term frequency, dampened).</summary>
    private const double RecurrenceWeight = 0.5;

    /// <summary>Terms scoring at least this share of the group's best term may name it.</summary>
    private const double LabelScoreShare = 0.3;

    /// <summary>A phrase names a subject better than a lone word ("Indoor Championships" against "race").</summary>
    private const double PhraseBonus = 1.5;

    private static int DocumentsUsing(string key, StoreTerms terms, List<long> members) =>
        members.Count(id => Array.BinarySearch(terms.Terms[id], new DocumentTerm(key, 0), TermOrder.Instance) >= 0);

    /// <summary>Orders a document's terms by key (how <see cref="StoreTerms"/> stores them), for binary search.</summary>
    private sealed class TermOrder : IComparer<DocumentTerm>
    {
        public static TermOrder Instance { get; } = new();

        public int Compare(DocumentTerm x, DocumentTerm y) => string.CompareOrdinal(x.Key, y.Key);
    }

    /// <summary>True when the phrase occurs in the group's text at least once outside a negation ("not a genuine expression").</summary>
    internal static bool Faithful(string phrase, CorpusSnapshot snapshot, IEnumerable<long> members)
    {
        foreach (long id in members)
        {
            (int start, int count) = snapshot.DocumentRows[id];
            for (int r = start; r < start + count; r++)
            {
                if (NounPhrases.OccursUnnegated(snapshot.Rows[r].Text, phrase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The group's documents, most typical first: those using most of its key terms.</summary>
    private static List<long> Typical(List<long> members, StoreTerms terms, List<string> keyTerms, CorpusSnapshot snapshot)
    {
        var weight = keyTerms.Select((k, i) => (k, w: 1.0 / (1 + i))).ToDictionary(p => p.k, p => p.w, StringComparer.Ordinal);
        return members
            .Select(id => (Id: id, Score: terms.Terms[id].Where(t => weight.ContainsKey(t.Key)).Sum(t => weight[t.Key] * Math.Log(1 + t.Count))))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => snapshot.DocumentsById[x.Id].Title, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Id)
            .ToList();
    }

    /// <summary>
    /// One sentence from each of the most typical documents: the one carrying most key terms, standing alone. A theme
    /// of fewer documents than sentences takes its documents' next best sentences, from paragraphs not yet quoted, so
    /// a one-source theme shows where in the source it recurs.
    /// </summary>
    private static List<CitedSentence> Sentences(CorpusSnapshot snapshot, List<long> ordered, List<string> keyTerms)
    {
        var keyStems = keyTerms.SelectMany(k => k.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var ranked = new List<List<int>>();
        foreach (long id in ordered)
        {
            (int start, int count) = snapshot.DocumentRows[id];
            var rows = Enumerable.Range(start, count)
                .Select(r => (Row: r, Score: KeyTermScore(snapshot.Rows[r], keyStems)))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score)
                .ThenBy(x => x.Row)
                .Select(x => x.Row)
                .ToList();
            if (rows.Count > 0)
            {
                ranked.Add(rows);
            }

            if (ranked.Count == SentencesPerTheme)
            {
                break;
            }
        }

        var chosen = new List<int>();
        var quotedParagraphs = new HashSet<(long Document, int Paragraph)>();
        for (int round = 0; chosen.Count < SentencesPerTheme && round < SentencesPerTheme; round++)
        {
            foreach (List<int> rows in ranked)
            {
                int next = rows.FirstOrDefault(r => !quotedParagraphs.Contains((snapshot.Rows[r].DocumentId, snapshot.Rows[r].ParagraphNumber)), -1);
                if (next >= 0 && chosen.Count < SentencesPerTheme)
                {
                    chosen.Add(next);
                    quotedParagraphs.Add((snapshot.Rows[next].DocumentId, snapshot.Rows[next].ParagraphNumber));
                }
            }
        }

        return chosen.Select(r => ExtractiveSummarizer.QuotedAlone(SummaryEngine.Cite(snapshot, r))).ToList();
    }

    /// <summary>Key-term words a sentence carries plus half its salience; a third of that when it opens by pointing back.</summary>
    private static double KeyTermScore(SentenceRow row, HashSet<string> keyStems)
    {
        double score = Tokenizer.ContentStems(row.Text).ToHashSet(StringComparer.Ordinal).Count(keyStems.Contains) + (0.5 * row.Salience);
        return Openers.Dangles(row.Text) ? score * 0.3 : score;
    }

    private static string Capitalise(string phrase) =>
        phrase.Length == 0 || char.IsUpper(phrase[0]) ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}
