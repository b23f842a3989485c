using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Lexical;

/// <summary>
/// Key phrases are extracted with less memory than a full candidate per phrase and a sorted copy of every word pair:
/// the results must be exactly those of the plain computation, on a long document as on short ones.
/// </summary>
public sealed class KeyPhraseMemoryTests
{
    private static readonly IReadOnlyList<string> Seed = SeedText.KimMourning.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>About 1,900 sentences: a long generated document with the seed's varied prose in its middle and at its end.</summary>
    private static List<string> LongDocument()
    {
        (string text, _) = LongText.Document(600);
        var sentences = new TextSegmenter().Segment(text).Sentences.Select(s => s.Text).ToList();
        sentences.InsertRange(sentences.Count / 2, Seed);
        sentences.AddRange(Seed);
        return sentences;
    }

    public static TheoryData<string> Texts => new() { "seed", "long", "one sentence", "empty" };

    private static IReadOnlyList<string> Text(string name) => name switch
    {
        "seed" => Seed,
        "long" => LongDocument(),
        "one sentence" => ["Luxury bags, Cartier bracelets and nationalist sentiment."],
        _ => [],
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void RankWords_IsThePlainPositionRank(string name)
    {
        IReadOnlyList<string> sentences = Text(name);

        Dictionary<string, double> ranked = KeyPhraseExtractor.RankWords(sentences);

        Dictionary<string, double> expected = PlainRankWords(sentences);
        Assert.Equal(expected.Count, ranked.Count);
        Assert.All(expected, pair => Assert.Equal(pair.Value, ranked[pair.Key]));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Extract_EqualsScoringEveryCandidate(string name)
    {
        IReadOnlyList<string> sentences = Text(name);
        string[] heading = ["Mourning and propaganda in the harbour", "A reader's notes"];
        Func<string, double> idf = stem => 1 + (stem.Length % 5);

        Assert.Equal(PlainExtract(sentences, null, 30), KeyPhraseExtractor.Extract(sentences, null, 30));
        Assert.Equal(PlainExtract(sentences, idf, 20), KeyPhraseExtractor.Extract(sentences, idf, 20));
        Assert.Equal(PlainExtract(sentences, null, 20, heading), KeyPhraseExtractor.Extract(sentences, null, 20, heading: heading));
    }

    [Fact]
    public void Extract_LongDocument_KeepsTheWrittenFormsOfItsPhrases()
    {
        List<string> sentences = LongDocument();

        IReadOnlyList<KeyPhrase> phrases = KeyPhraseExtractor.Extract(sentences, null, 30);

        Assert.Equal(30, phrases.Count);
        Assert.All(phrases, p => Assert.Contains(sentences, s => s.Contains(p.Phrase, StringComparison.Ordinal)));
    }

    /// <summary>Every candidate built in full and scored, then ordered: what <see cref="KeyPhraseExtractor.Extract"/> must return.</summary>
    private static List<KeyPhrase> PlainExtract(IReadOnlyList<string> sentences, Func<string, double>? idf, int top, IReadOnlyList<string>? heading = null)
    {
        Dictionary<string, PhraseCandidate> candidates = KeyPhraseExtractor.Candidates(sentences);
        KeyPhraseExtractor.Score(candidates, heading is null ? sentences : [.. heading, .. sentences], idf);
        return candidates.Values
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.FirstPosition)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(c => new KeyPhrase(c.Surface, (float)c.Score))
            .ToList();
    }

    /// <summary>PositionRank as first written: the whole token sequence, a dictionary of pairs sorted, a list per word.</summary>
    private static Dictionary<string, double> PlainRankWords(IReadOnlyList<string> sentences)
    {
        const int window = 3;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var positionWeight = new List<double>();
        var sequence = new List<int>();
        int position = 0;
        foreach (string sentence in sentences)
        {
            foreach (Token t in Tokenizer.Tokenize(sentence))
            {
                position++;
                if (KeyPhraseExtractor.IsBreaker(t))
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

            for (int j = i + 1; j < Math.Min(sequence.Count, i + window); j++)
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
}
