using System.Runtime.InteropServices;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Text.Lexical;

/// <summary>A candidate key phrase: its words' stems (the identity), the surface form shown, and where it occurs.</summary>
internal sealed class PhraseCandidate(string key, string[] stems)
{
    public string Key { get; } = key;

    public string[] Stems { get; } = stems;

    public Dictionary<string, int> Surfaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Forms seen only at the start of a sentence (made on first use: most candidates have none).</summary>
    public Dictionary<string, int> SentenceInitial => _sentenceInitial ??= new(StringComparer.Ordinal);

    public List<int> Sentences { get; } = [];

    public int Frequency { get; set; }

    public int FirstPosition { get; set; } = int.MaxValue;

    public double Score { get; set; }

    private string? _surface;
    private Dictionary<string, int>? _sentenceInitial;

    /// <summary>The form written most often; ties go to the earliest seen (computed once the occurrences are counted).</summary>
    public string Surface => _surface ??= MostWritten(Surfaces.Count > 0 ? Surfaces : SentenceInitial);

    /// <summary>Forgets the chosen form after another occurrence was counted.</summary>
    public void Counted() => _surface = null;

    /// <summary>The form with the highest count, the first seen on a tie (the order of a stable sort by count, descending).</summary>
    private static string MostWritten(Dictionary<string, int> forms)
    {
        string? best = null;
        int most = 0;
        foreach ((string form, int count) in forms)
        {
            if (best is null || count > most)
            {
                best = form;
                most = count;
            }
        }

        return best ?? throw new InvalidOperationException("A candidate has at least one written form.");
    }
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
        var candidates = new CandidateCounter(new Dictionary<string, PhraseCandidate>(StringComparer.Ordinal), addNew: true);
        ForEachOccurrence(sentences, candidates.Add);
        return candidates.Candidates;
    }

    /// <param name="options">Scoring weights; null means <see cref="KeyPhraseOptions.Default"/>.</param>
    /// <param name="heading">
    /// The lines above the body (title, authors): they come first in the word graph, so the words of a title weigh
    /// as the first words of the text, but a phrase must occur in <paramref name="sentences"/> to be chosen (a title
    /// is never quoted).
    /// </param>
    /// <remarks>
    /// The phrases, scores and order of scoring every <see cref="Candidates"/> entry, in a fraction of the memory: each
    /// candidate is tallied by its words' ids, frequency and first position only, in the same walk through the text that
    /// gathers the word graph (each sentence tokenised once for both), and the written forms are counted in a second
    /// walk for the chosen few. A full candidate (two dictionaries and a list) for each of the ~150,000 candidates of an
    /// 8 MB text took the GC's heap ~80 MB higher while its key phrases were extracted.
    /// </remarks>
    public static IReadOnlyList<KeyPhrase> Extract(
        IReadOnlyList<string> sentences, Func<string, double>? idf, int top, KeyPhraseOptions? options = null, IReadOnlyList<string>? heading = null)
    {
        options ??= KeyPhraseOptions.Default;
        var words = new WordCooccurrence();
        var tokens = new List<Token>();
        foreach (string line in heading ?? [])
        {
            Tokenizer.Tokenize(line, tokens);
            words.Add(tokens);
        }

        var tally = new CandidateTally(words);
        ForEachOccurrence(sentences, tally.Count, words.Add);
        double[] wordScores = words.Rank();
        double[] scores = new double[tally.Keys.Count];
        for (int i = 0; i < scores.Length; i++)
        {
            PhraseKey key = tally.Keys[i];
            double sum = 0;
            for (int w = 0; w < key.Length; w++)
            {
                double score = wordScores[key[w]];
                sum += idf is null ? score : score * idf(words.Stems[key[w]]);
            }

            scores[i] = Adjusted(sum, key.Length, tally.Frequency[i], options);
        }

        List<int> chosen = Best(scores, tally, top);

        // the written forms of the chosen phrases, counted as Candidates counts them
        var full = new CandidateCounter(
            chosen.ToDictionary(i => tally.Text(i), i => new PhraseCandidate(tally.Text(i), tally.StemsOf(i)), StringComparer.Ordinal),
            addNew: false);
        ForEachOccurrence(sentences, full.Add);
        return chosen.Select(i => new KeyPhrase(full.Candidates[tally.Text(i)].Surface, (float)scores[i])).ToList();
    }

    /// <summary>
    /// The <paramref name="top"/> candidates by score (highest first), then first position, then key (ordinal): the
    /// order of sorting them all, kept in a short sorted list as the candidates stream by. A key's text is made only to
    /// break a tie of score and position.
    /// </summary>
    private static List<int> Best(double[] scores, CandidateTally tally, int top)
    {
        int Compare(int a, int b)
        {
            int c = scores[b].CompareTo(scores[a]);
            if (c == 0)
            {
                c = tally.FirstPosition[a].CompareTo(tally.FirstPosition[b]);
            }

            return c != 0 ? c : string.CompareOrdinal(tally.Text(a), tally.Text(b));
        }

        var best = new List<int>(Math.Max(0, top) + 1);
        for (int i = 0; i < scores.Length && top > 0; i++)
        {
            if (best.Count == top && Compare(i, best[^1]) >= 0)
            {
                continue;
            }

            int at = best.Count;
            while (at > 0 && Compare(i, best[at - 1]) < 0)
            {
                at--;
            }

            best.Insert(at, i);
            if (best.Count > top)
            {
                best.RemoveAt(top);
            }
        }

        return best;
    }

    /// <summary>One occurrence of a candidate: <paramref name="length"/> words from <paramref name="start"/> of a run of <paramref name="text"/>'s tokens.</summary>
    private delegate void OccurrenceVisitor(string text, List<Token> run, int start, int length, int sentence, int position);

    /// <summary>
    /// Every candidate occurrence of the sentences, in order: runs of up to <see cref="MaxWords"/> words delimited by
    /// breakers and punctuation; a longer run offers its pieces of two and three words.
    /// </summary>
    /// <param name="tokensOf">Also given each sentence's tokens, before its occurrences are visited (the word graph's walk).</param>
    private static void ForEachOccurrence(IReadOnlyList<string> sentences, OccurrenceVisitor visit, Action<List<Token>>? tokensOf = null)
    {
        int wordPosition = 0;
        var run = new List<Token>();
        var tokens = new List<Token>();
        for (int si = 0; si < sentences.Count; si++)
        {
            string text = sentences[si];
            Tokenizer.Tokenize(text, tokens);
            tokensOf?.Invoke(tokens);
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

        return Adjusted(sum, stems.Length, frequency, options);
    }

    /// <summary>A candidate's score from the sum of its words' weights.</summary>
    private static double Adjusted(double sum, int words, int frequency, KeyPhraseOptions options)
    {
        // multi-word phrases are preferred a little less than their raw sum suggests, single words a little more
        return sum * (words == 1 ? options.SingleWordFactor : 0.9) * (1 + (options.FrequencyWeight * Math.Log(frequency)));
    }

    /// <summary>PositionRank over the co-occurrence graph of candidate words.</summary>
    public static Dictionary<string, double> RankWords(IReadOnlyList<string> sentences)
    {
        var words = new WordCooccurrence();
        var tokens = new List<Token>();
        foreach (string sentence in sentences)
        {
            Tokenizer.Tokenize(sentence, tokens);
            words.Add(tokens);
        }

        double[] scores = words.Rank();
        var result = new Dictionary<string, double>(scores.Length, StringComparer.Ordinal);
        for (int id = 0; id < scores.Length; id++)
        {
            result[words.Stems[id]] = scores[id];
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

    /// <summary>
    /// Counts occurrences into full candidates (written forms, sentences, frequency, first position). A candidate and a
    /// written form already seen are found by their characters, so only a new one allocates.
    /// </summary>
    /// <param name="addNew">False: count only the candidates given (the chosen few of <see cref="Extract"/>).</param>
    private sealed class CandidateCounter(Dictionary<string, PhraseCandidate> candidates, bool addNew)
    {
        private readonly Dictionary<string, PhraseCandidate>.AlternateLookup<ReadOnlySpan<char>> _byKey = candidates.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly KeyBuffer _key = new();

        public Dictionary<string, PhraseCandidate> Candidates => candidates;

        public void Add(string text, List<Token> run, int start, int length, int sentence, int position)
        {
            ReadOnlySpan<char> key = _key.Join(run, start, length);
            if (!_byKey.TryGetValue(key, out PhraseCandidate? candidate))
            {
                if (!addNew)
                {
                    return;
                }

                string[] stems = new string[length];
                for (int i = 0; i < length; i++)
                {
                    stems[i] = run[start + i].Stem;
                }

                candidate = new PhraseCandidate(key.ToString(), stems);
                candidates[candidate.Key] = candidate;
            }

            Token first = run[start];
            Token last = run[start + length - 1];
            ReadOnlySpan<char> surface = text.AsSpan(first.Start, last.End - first.Start);

            // capitalised perhaps only because it starts the sentence: remembered apart, used only if no other form is seen
            Dictionary<string, int> forms = first.Start == 0 && char.IsUpper(surface[0]) ? candidate.SentenceInitial : candidate.Surfaces;
            CollectionsMarshal.GetValueRefOrAddDefault(forms.GetAlternateLookup<ReadOnlySpan<char>>(), surface, out _)++;
            candidate.Counted();
            candidate.Frequency++;
            if (candidate.Sentences.Count == 0 || candidate.Sentences[^1] != sentence)
            {
                candidate.Sentences.Add(sentence);
            }

            candidate.FirstPosition = Math.Min(candidate.FirstPosition, position);
        }
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

    /// <summary>A candidate by its words' ids (<see cref="WordCooccurrence"/>), up to <see cref="MaxWords"/> of them; unused slots are -1.</summary>
    private readonly record struct PhraseKey(int First, int Second, int Third, int Fourth)
    {
        public int Length => Fourth >= 0 ? 4 : Third >= 0 ? 3 : Second >= 0 ? 2 : 1;

        public int this[int i] => i switch { 0 => First, 1 => Second, 2 => Third, _ => Fourth };

        public static PhraseKey Of(WordCooccurrence words, List<Token> run, int start, int length) => new(
            words.IdOf(run[start].Stem),
            length > 1 ? words.IdOf(run[start + 1].Stem) : -1,
            length > 2 ? words.IdOf(run[start + 2].Stem) : -1,
            length > 3 ? words.IdOf(run[start + 3].Stem) : -1);
    }

    /// <summary>
    /// What scoring and ordering need of each candidate (its words, frequency, first position), in flat lists. Words
    /// are the word graph's ids, so a candidate costs no strings until it is chosen.
    /// </summary>
    private sealed class CandidateTally(WordCooccurrence words)
    {
        private readonly Dictionary<PhraseKey, int> _index = [];

        public List<PhraseKey> Keys { get; } = [];

        public List<int> Frequency { get; } = [];

        public List<int> FirstPosition { get; } = [];

        public void Count(string text, List<Token> run, int start, int length, int sentence, int position)
        {
            PhraseKey key = PhraseKey.Of(words, run, start, length);
            if (!_index.TryGetValue(key, out int at))
            {
                at = Keys.Count;
                _index[key] = at;
                Keys.Add(key);
                Frequency.Add(0);
                FirstPosition.Add(int.MaxValue);
            }

            Frequency[at]++;
            FirstPosition[at] = Math.Min(FirstPosition[at], position);
        }

        public string[] StemsOf(int candidate)
        {
            PhraseKey key = Keys[candidate];
            string[] stems = new string[key.Length];
            for (int w = 0; w < stems.Length; w++)
            {
                stems[w] = words.Stems[key[w]];
            }

            return stems;
        }

        /// <summary>The candidate's key as <see cref="Candidates"/> writes it: its stems joined by spaces.</summary>
        public string Text(int candidate) => string.Join(' ', StemsOf(candidate));
    }

    /// <summary>
    /// PositionRank's input, gathered as the words stream by (no token sequence is kept): each word's id (in order of
    /// first use), its position weight, and how often each pair of words falls within <see cref="Window"/> of each other.
    /// A text of 69,000 sentences has ~400,000 word pairs: a list per word and a sorted copy of every pair took tens of
    /// MB more at once.
    /// </summary>
    private sealed class WordCooccurrence
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<double> _positionWeight = [];
        private readonly Dictionary<(int, int), int> _edges = [];

        // the words since the last breaker, the latest last: each new word co-occurs with the last Window - 1 of them
        private readonly int[] _recent = new int[Window - 1];
        private int _position;

        public List<string> Stems { get; } = [];

        public int IdOf(string stem) => _index[stem];

        /// <summary>One sentence's tokens, in order.</summary>
        public void Add(List<Token> tokens)
        {
            int held = 0;
            foreach (Token t in tokens)
            {
                _position++;
                if (IsBreaker(t))
                {
                    held = 0;
                    continue;
                }

                if (!_index.TryGetValue(t.Stem, out int id))
                {
                    id = _index.Count;
                    _index[t.Stem] = id;
                    Stems.Add(t.Stem);
                    _positionWeight.Add(0);
                }

                _positionWeight[id] += 1.0 / _position;
                for (int k = 0; k < held; k++)
                {
                    int a = _recent[k];
                    if (a != id)
                    {
                        (int, int) key = a < id ? (a, id) : (id, a);
                        _edges[key] = _edges.GetValueOrDefault(key) + 1;
                    }
                }

                if (held < _recent.Length)
                {
                    _recent[held++] = id;
                }
                else if (_recent.Length > 0)
                {
                    Array.Copy(_recent, 1, _recent, 0, _recent.Length - 1);
                    _recent[^1] = id;
                }
            }
        }

        /// <summary>Each word's PositionRank, by id, times the number of words (so the mean is 1).</summary>
        /// <remarks>Each word's neighbours are summed in ascending order (<see cref="WordGraph"/>): the order of the sorted pair list it replaced, so every sum is the same.</remarks>
        public double[] Rank()
        {
            int n = _index.Count;
            if (n == 0)
            {
                return [];
            }

            WordGraph graph = WordGraph.Build(n, _edges);
            double[] outWeight = graph.OutWeights();

            double total = _positionWeight.Sum();
            double[] prior = _positionWeight.Select(p => p / total).ToArray();
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

            for (int i = 0; i < n; i++)
            {
                score[i] *= n;
            }

            return score;
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
