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
        int wordPosition = 0;
        for (int si = 0; si < sentences.Count; si++)
        {
            string text = sentences[si];
            List<Token> tokens = Tokenizer.Tokenize(text);
            var run = new List<Token>();
            for (int i = 0; i <= tokens.Count; i++)
            {
                bool breaks = i == tokens.Count || IsBreaker(tokens[i]) ||
                              (run.Count > 0 && !OnlySpaceBetween(text, run[^1].End, tokens[i].Start));
                if (breaks)
                {
                    AddRun(candidates, text, run, si, wordPosition - run.Count);
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

        return candidates;
    }

    /// <param name="options">Scoring weights; null means <see cref="KeyPhraseOptions.Default"/>.</param>
    /// <param name="heading">
    /// The lines above the body (title, authors): they come first in the word graph, so the words of a title weigh
    /// as the first words of the text, but a phrase must occur in <paramref name="sentences"/> to be chosen (a title
    /// is never quoted).
    /// </param>
    public static IReadOnlyList<KeyPhrase> Extract(
        IReadOnlyList<string> sentences, Func<string, double>? idf, int top, KeyPhraseOptions? options = null, IReadOnlyList<string>? heading = null)
    {
        Dictionary<string, PhraseCandidate> candidates = Candidates(sentences);
        Score(candidates, heading is { Count: > 0 } ? [.. heading, .. sentences] : sentences, idf, options);
        return candidates.Values
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.FirstPosition)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(c => new KeyPhrase(c.Surface, (float)c.Score))
            .ToList();
    }

    /// <summary>Scores every candidate in place: sum of its words' PositionRank weights (times IDF when given).</summary>
    public static void Score(Dictionary<string, PhraseCandidate> candidates, IReadOnlyList<string> sentences, Func<string, double>? idf, KeyPhraseOptions? options = null)
    {
        options ??= KeyPhraseOptions.Default;
        Dictionary<string, double> wordScores = RankWords(sentences);
        foreach (PhraseCandidate c in candidates.Values)
        {
            double sum = 0;
            foreach (string stem in c.Stems)
            {
                double w = wordScores.GetValueOrDefault(stem);
                sum += idf is null ? w : w * idf(stem);
            }

            // multi-word phrases are preferred a little less than their raw sum suggests, single words a little more
            c.Score = sum * (c.Stems.Length == 1 ? options.SingleWordFactor : 0.9) * (1 + (options.FrequencyWeight * Math.Log(c.Frequency)));
        }
    }

    /// <summary>PositionRank over the co-occurrence graph of candidate words.</summary>
    public static Dictionary<string, double> RankWords(IReadOnlyList<string> sentences)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var positionWeight = new List<double>();
        var sequence = new List<int>();
        int position = 0;
        foreach (string sentence in sentences)
        {
            foreach (Token t in Tokenizer.Tokenize(sentence))
            {
                position++;
                if (IsBreaker(t))
                {
                    sequence.Add(-1);
                    continue;
                }

                if (!index.TryGetValue(t.Stem, out int id))
                {
                    id = index.Count;
                    index[t.Stem] = id;
                    positionWeight.Add(0);
                }

                positionWeight[id] += 1.0 / position;
                sequence.Add(id);
            }

            sequence.Add(-1);
        }

        int n = index.Count;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (n == 0)
        {
            return result;
        }

        var edges = new Dictionary<(int, int), double>();
        for (int i = 0; i < sequence.Count; i++)
        {
            int a = sequence[i];
            if (a < 0)
            {
                continue;
            }

            for (int j = i + 1; j < Math.Min(sequence.Count, i + Window); j++)
            {
                int b = sequence[j];
                if (b < 0)
                {
                    break;
                }

                if (b == a)
                {
                    continue;
                }

                (int, int) key = a < b ? (a, b) : (b, a);
                edges[key] = edges.GetValueOrDefault(key) + 1;
            }
        }

        var neighbours = new List<(int To, double W)>[n];
        var outWeight = new double[n];
        for (int i = 0; i < n; i++)
        {
            neighbours[i] = [];
        }

        foreach (((int a, int b), double w) in edges.OrderBy(e => e.Key))
        {
            neighbours[a].Add((b, w));
            neighbours[b].Add((a, w));
            outWeight[a] += w;
            outWeight[b] += w;
        }

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

                foreach ((int to, double w) in neighbours[i])
                {
                    next[to] += score[i] * w / outWeight[i];
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

    private static void AddRun(Dictionary<string, PhraseCandidate> candidates, string text, List<Token> run, int sentence, int position)
    {
        if (run.Count == 0)
        {
            return;
        }

        if (run.Count <= MaxWords)
        {
            Add(candidates, text, run, 0, run.Count, sentence, position);
            return;
        }

        // a long run is several phrases glued together: offer its pieces of two and three words
        for (int length = 2; length <= 3; length++)
        {
            for (int s = 0; s + length <= run.Count; s++)
            {
                Add(candidates, text, run, s, length, sentence, position + s);
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
}
