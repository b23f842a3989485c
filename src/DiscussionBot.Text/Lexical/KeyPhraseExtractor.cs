using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Text.Lexical;

/// <summary>A candidate key phrase: its words' stems (the identity), the surface form shown, and where it occurs.</summary>
internal sealed class PhraseCandidate(string key, string[] stems)
{
    public string Key { get; } = key;

    public string[] Stems { get; } = stems;

    public Dictionary<string, int> Surfaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> SentenceInitial { get; } = new(StringComparer.Ordinal);

    public List<int> Sentences { get; } = [];

    public int Frequency { get; set; }

    public int FirstPosition { get; set; } = int.MaxValue;

    public double Score { get; set; }

    private string? _surface;

    /// <summary>The form written most often; ties go to the earliest seen (computed once the occurrences are counted).</summary>
    public string Surface => _surface ??= (Surfaces.Count > 0 ? Surfaces : SentenceInitial).OrderByDescending(p => p.Value).First().Key;

    /// <summary>Forgets the chosen form after another occurrence was counted.</summary>
    public void Counted() => _surface = null;
}

/// <summary>
/// Statistical key-phrase extraction without part-of-speech tags: candidates are runs of up to four words
/// delimited by stop words and punctuation (RAKE/TextRank candidate selection); words are ranked with a
/// position-biased PageRank over their co-occurrence graph (PositionRank), optionally weighted by IDF,
/// and a phrase scores the sum of its words.
/// </summary>
internal static class KeyPhraseExtractor
{
    public const int MaxWords = 4;
    private const int Window = 3;

    /// <summary>Candidates of the given sentences (in order), with per-sentence occurrences.</summary>
    public static Dictionary<string, PhraseCandidate> Candidates(IReadOnlyList<string> sentences)
    {
        var candidates = new Dictionary<string, PhraseCandidate>(StringComparer.Ordinal);
        ForEachOccurrence(sentences, (text, run, start, length, sentence, position) => Add(candidates, text, run, start, length, sentence, position));
        return candidates;
    }

    /// <param name="options">Scoring weights; null means <see cref="KeyPhraseOptions.Default"/>.</param>
    /// <param name="heading">
    /// The lines above the body (title, authors): they come first in the word graph, so the words of a title weigh
    /// as the first words of the text, but a phrase must occur in <paramref name="sentences"/> to be chosen (a title
    /// is never quoted).
    /// </param>
    /// <remarks>
    /// The phrases, scores and order of scoring every <see cref="Candidates"/> entry, in a fraction of the memory: each
    /// candidate is tallied by its stems, frequency and first position only, and the written forms are counted in a
    /// second pass for the chosen few. A full candidate (two dictionaries and a list) for each of the ~150,000
    /// candidates of an 8 MB text took the GC's heap ~80 MB higher while its key phrases were extracted.
    /// </remarks>
    public static IReadOnlyList<KeyPhrase> Extract(
        IReadOnlyList<string> sentences, Func<string, double>? idf, int top, KeyPhraseOptions? options = null, IReadOnlyList<string>? heading = null)
    {
        options ??= KeyPhraseOptions.Default;
        var tally = new CandidateTally();
        ForEachOccurrence(sentences, tally.Count);
        Dictionary<string, double> wordScores = RankWords(heading is { Count: > 0 } ? [.. heading, .. sentences] : sentences);
        double[] scores = new double[tally.Keys.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = PhraseScore(tally.Stems[i], tally.Frequency[i], wordScores, idf, options);
        }

        List<int> chosen = Enumerable.Range(0, scores.Length)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => tally.FirstPosition[i])
            .ThenBy(i => tally.Keys[i], StringComparer.Ordinal)
            .Take(top)
            .ToList();

        // the written forms of the chosen phrases, counted as Candidates counts them
        var full = chosen.ToDictionary(i => tally.Keys[i], i => new PhraseCandidate(tally.Keys[i], tally.Stems[i]), StringComparer.Ordinal);
        Dictionary<string, PhraseCandidate>.AlternateLookup<ReadOnlySpan<char>> lookup = full.GetAlternateLookup<ReadOnlySpan<char>>();
        var key = new KeyBuffer();
        ForEachOccurrence(sentences, (text, run, start, length, sentence, position) =>
        {
            if (lookup.ContainsKey(key.Join(run, start, length)))
            {
                Add(full, text, run, start, length, sentence, position);
            }
        });
        return chosen.Select(i => new KeyPhrase(full[tally.Keys[i]].Surface, (float)scores[i])).ToList();
    }

    /// <summary>One occurrence of a candidate: <paramref name="length"/> words from <paramref name="start"/> of a run of <paramref name="text"/>'s tokens.</summary>
    private delegate void OccurrenceVisitor(string text, List<Token> run, int start, int length, int sentence, int position);

    /// <summary>
    /// Every candidate occurrence of the sentences, in order: runs of up to <see cref="MaxWords"/> words delimited by
    /// breakers and punctuation; a longer run offers its pieces of two and three words.
    /// </summary>
    private static void ForEachOccurrence(IReadOnlyList<string> sentences, OccurrenceVisitor visit)
    {
        int wordPosition = 0;
        var run = new List<Token>();
        for (int si = 0; si < sentences.Count; si++)
        {
            string text = sentences[si];
            List<Token> tokens = Tokenizer.Tokenize(text);
            run.Clear();
            for (int i = 0; i <= tokens.Count; i++)
            {
                bool breaks = i == tokens.Count || IsBreaker(tokens[i]) ||
                              (run.Count > 0 && !OnlySpaceBetween(text, run[^1].End, tokens[i].Start));
                if (breaks)
                {
                    VisitRun(visit, text, run, si, wordPosition - run.Count);
                    run.Clear();
                    if (i < tokens.Count && !IsBreaker(tokens[i]))
                    {
                        run.Add(tokens[i]);
                    }
                }
                else
                {
                    run.Add(tokens[i]);
                }

                wordPosition++;
            }
        }
    }

    /// <summary>Scores every candidate in place: sum of its words' PositionRank weights (times IDF when given).</summary>
    public static void Score(Dictionary<string, PhraseCandidate> candidates, IReadOnlyList<string> sentences, Func<string, double>? idf, KeyPhraseOptions? options = null)
    {
        options ??= KeyPhraseOptions.Default;
        Dictionary<string, double> wordScores = RankWords(sentences);
        foreach (PhraseCandidate c in candidates.Values)
        {
            c.Score = PhraseScore(c.Stems, c.Frequency, wordScores, idf, options);
        }
    }

    /// <summary>A candidate's score: the sum of its words' weights (times IDF when given), adjusted for length and frequency.</summary>
    private static double PhraseScore(string[] stems, int frequency, Dictionary<string, double> wordScores, Func<string, double>? idf, KeyPhraseOptions options)
    {
        double sum = 0;
        foreach (string stem in stems)
        {
            double w = wordScores.GetValueOrDefault(stem);
            sum += idf is null ? w : w * idf(stem);
        }

        // multi-word phrases are preferred a little less than their raw sum suggests, single words a little more
        return sum * (stems.Length == 1 ? options.SingleWordFactor : 0.9) * (1 + (options.FrequencyWeight * Math.Log(frequency)));
    }

    /// <summary>PositionRank over the co-occurrence graph of candidate words.</summary>
    /// <remarks>
    /// Edges are counted as the words stream by (no token sequence is kept) and held as one array of neighbours per
    /// word, ascending, which is the order the rank sums them in. A text of 69,000 sentences has ~400,000 word pairs: a
    /// list per word and a sorted copy of every pair took tens of MB more at once.
    /// </remarks>
    public static Dictionary<string, double> RankWords(IReadOnlyList<string> sentences)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var positionWeight = new List<double>();
        var edges = new Dictionary<(int, int), int>();

        // the words since the last breaker, the latest last: each new word co-occurs with the last Window - 1 of them
        int[] recent = new int[Window - 1];
        int held = 0;
        int position = 0;
        foreach (string sentence in sentences)
        {
            foreach (Token t in Tokenizer.Tokenize(sentence))
            {
                position++;
                if (IsBreaker(t))
                {
                    held = 0;
                    continue;
                }

                if (!index.TryGetValue(t.Stem, out int id))
                {
                    id = index.Count;
                    index[t.Stem] = id;
                    positionWeight.Add(0);
                }

                positionWeight[id] += 1.0 / position;
                for (int k = 0; k < held; k++)
                {
                    int a = recent[k];
                    if (a != id)
                    {
                        (int, int) key = a < id ? (a, id) : (id, a);
                        edges[key] = edges.GetValueOrDefault(key) + 1;
                    }
                }

                if (held < recent.Length)
                {
                    recent[held++] = id;
                }
                else if (recent.Length > 0)
                {
                    Array.Copy(recent, 1, recent, 0, recent.Length - 1);
                    recent[^1] = id;
                }
            }

            held = 0;
        }

        int n = index.Count;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (n == 0)
        {
            return result;
        }

        WordGraph graph = WordGraph.Build(n, edges);
        double[] outWeight = graph.OutWeights();

        double total = positionWeight.Sum();
        double[] prior = positionWeight.Select(p => p / total).ToArray();
        double[] score = Enumerable.Repeat(1.0 / n, n).ToArray();
        const double damping = 0.85;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double[] next = new double[n];
            double dangling = 0;
            for (int i = 0; i < n; i++)
            {
                if (outWeight[i] == 0)
                {
                    dangling += score[i];
                    continue;
                }

                for (int k = graph.Starts[i]; k < graph.Starts[i + 1]; k++)
                {
                    next[graph.Targets[k]] += score[i] * (double)graph.Counts[k] / outWeight[i];
                }
            }

            double delta = 0;
            for (int i = 0; i < n; i++)
            {
                double v = ((1 - damping) * prior[i]) + (damping * (next[i] + (dangling * prior[i])));
                delta += Math.Abs(v - score[i]);
                score[i] = v;
            }

            if (delta < 1e-9)
            {
                break;
            }
        }

        foreach ((string stem, int id) in index)
        {
            result[stem] = score[id] * n;
        }

        return result;
    }

    public static bool IsBreaker(Token t) =>
        t.Lower.Length < 2 || StopWords.BreaksPhrase(t.Lower) || IsNumber(t.Lower) ||
        (t.Lower.Length > 5 && t.Lower.EndsWith("ly", StringComparison.Ordinal) && !t.Lower.EndsWith("ply", StringComparison.Ordinal));

    private static bool IsNumber(string word)
    {
        foreach (char c in word)
        {
            if (!char.IsDigit(c) && c is not (',' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlySpaceBetween(string text, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (text[i] is not (' ' or '\t' or '\u00A0'))
            {
                return false;
            }
        }

        return true;
    }

    private static void VisitRun(OccurrenceVisitor visit, string text, List<Token> run, int sentence, int position)
    {
        if (run.Count == 0)
        {
            return;
        }

        if (run.Count <= MaxWords)
        {
            visit(text, run, 0, run.Count, sentence, position);
            return;
        }

        // a long run is several phrases glued together: offer its pieces of two and three words
        for (int length = 2; length <= 3; length++)
        {
            for (int s = 0; s + length <= run.Count; s++)
            {
                visit(text, run, s, length, sentence, position + s);
            }
        }
    }

    private static void Add(Dictionary<string, PhraseCandidate> candidates, string text, List<Token> run, int start, int length, int sentence, int position)
    {
        string[] stems = new string[length];
        for (int i = 0; i < length; i++)
        {
            stems[i] = run[start + i].Stem;
        }

        string key = string.Join(' ', stems);
        if (!candidates.TryGetValue(key, out PhraseCandidate? candidate))
        {
            candidate = new PhraseCandidate(key, stems);
            candidates[key] = candidate;
        }

        Token first = run[start];
        Token last = run[start + length - 1];
        string surface = text[first.Start..last.End];
        if (first.Start == 0 && char.IsUpper(surface[0]))
        {
            // capitalised perhaps only because it starts the sentence: remembered apart, used only if no other form is seen
            candidate.SentenceInitial.TryAdd(surface, 0);
            candidate.SentenceInitial[surface]++;
            candidate.Counted();
            candidate.Frequency++;
            if (candidate.Sentences.Count == 0 || candidate.Sentences[^1] != sentence)
            {
                candidate.Sentences.Add(sentence);
            }

            candidate.FirstPosition = Math.Min(candidate.FirstPosition, position);
            return;
        }

        candidate.Surfaces[surface] = candidate.Surfaces.GetValueOrDefault(surface) + 1;
        candidate.Counted();
        candidate.Frequency++;
        if (candidate.Sentences.Count == 0 || candidate.Sentences[^1] != sentence)
        {
            candidate.Sentences.Add(sentence);
        }

        candidate.FirstPosition = Math.Min(candidate.FirstPosition, position);
    }

    /// <summary>A candidate's key (its stems joined by spaces) built in a reused buffer, so looking one up allocates nothing.</summary>
    private sealed class KeyBuffer
    {
        private char[] _chars = new char[64];

        public ReadOnlySpan<char> Join(List<Token> run, int start, int length)
        {
            int size = length - 1;
            for (int i = start; i < start + length; i++)
            {
                size += run[i].Stem.Length;
            }

            if (size > _chars.Length)
            {
                _chars = new char[Math.Max(size, 2 * _chars.Length)];
            }

            int at = 0;
            for (int i = start; i < start + length; i++)
            {
                if (i > start)
                {
                    _chars[at++] = ' ';
                }

                run[i].Stem.CopyTo(_chars.AsSpan(at));
                at += run[i].Stem.Length;
            }

            return _chars.AsSpan(0, size);
        }
    }

    /// <summary>What scoring and ordering need of each candidate (stems, frequency, first position), in flat lists.</summary>
    private sealed class CandidateTally
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly KeyBuffer _key = new();

        public List<string> Keys { get; } = [];

        public List<string[]> Stems { get; } = [];

        public List<int> Frequency { get; } = [];

        public List<int> FirstPosition { get; } = [];

        public void Count(string text, List<Token> run, int start, int length, int sentence, int position)
        {
            ReadOnlySpan<char> key = _key.Join(run, start, length);
            if (!_index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key, out int at))
            {
                string[] stems = new string[length];
                for (int i = 0; i < length; i++)
                {
                    stems[i] = run[start + i].Stem;
                }

                at = Keys.Count;
                string keyText = key.ToString();
                _index[keyText] = at;
                Keys.Add(keyText);
                Stems.Add(stems);
                Frequency.Add(0);
                FirstPosition.Add(int.MaxValue);
            }

            Frequency[at]++;
            FirstPosition[at] = Math.Min(FirstPosition[at], position);
        }
    }

    /// <summary>The word co-occurrence graph as flat arrays: word i's neighbours are Targets[Starts[i]..Starts[i + 1]), ascending, with their pair counts.</summary>
    private sealed class WordGraph(int[] starts, int[] targets, int[] counts)
    {
        public int[] Starts { get; } = starts;

        public int[] Targets { get; } = targets;

        public int[] Counts { get; } = counts;

        public static WordGraph Build(int words, Dictionary<(int, int), int> edges)
        {
            int[] starts = new int[words + 1];
            foreach ((int a, int b) in edges.Keys)
            {
                starts[a + 1]++;
                starts[b + 1]++;
            }

            for (int i = 0; i < words; i++)
            {
                starts[i + 1] += starts[i];
            }

            int[] targets = new int[starts[words]];
            int[] counts = new int[targets.Length];
            int[] next = starts[..words];
            foreach (((int a, int b), int count) in edges)
            {
                targets[next[a]] = b;
                counts[next[a]++] = count;
                targets[next[b]] = a;
                counts[next[b]++] = count;
            }

            for (int i = 0; i < words; i++)
            {
                Array.Sort(targets, counts, starts[i], starts[i + 1] - starts[i]);
            }

            return new WordGraph(starts, targets, counts);
        }

        /// <summary>Each word's total edge weight (pair counts, so exact whatever the order).</summary>
        public double[] OutWeights()
        {
            double[] weights = new double[Starts.Length - 1];
            for (int i = 0; i < weights.Length; i++)
            {
                for (int k = Starts[i]; k < Starts[i + 1]; k++)
                {
                    weights[i] += Counts[k];
                }
            }

            return weights;
        }
    }
}
