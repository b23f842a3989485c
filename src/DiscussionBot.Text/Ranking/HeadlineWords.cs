using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Ranking;

/// <summary>
/// The content words of a document's headline, to tell whether a sentence states the headline's fact. A headline
/// may split a name the text writes as one word ("Time Warner" / "TimeWarner"), so two adjacent headline words
/// also match their joined spelling, which then counts for both.
/// </summary>
internal sealed class HeadlineWords
{
    private readonly HashSet<string> _stems;
    private readonly Dictionary<string, (string First, string Second)> _joined;

    private HeadlineWords(HashSet<string> stems, Dictionary<string, (string, string)> joined)
    {
        _stems = stems;
        _joined = joined;
    }

    /// <summary>How many different content words the headline has.</summary>
    public int Count => _stems.Count;

    public static HeadlineWords Of(IEnumerable<string> headlineLines)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var joined = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (string line in headlineLines)
        {
            List<Token> words = Tokenizer.Tokenize(line).Where(t => !t.IsStopWord && t.Lower.Length > 1).ToList();
            stems.UnionWith(words.Select(t => t.Stem));
            for (int i = 0; i + 1 < words.Count; i++)
            {
                joined.TryAdd(Tokenizer.StemOf(words[i].Lower + words[i + 1].Lower), (words[i].Stem, words[i + 1].Stem));
            }
        }

        return new HeadlineWords(stems, joined);
    }

    /// <summary>How many of the headline's content words <paramref name="sentence"/> uses.</summary>
    public int SharedWith(string sentence)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (Token t in Tokenizer.Tokenize(sentence))
        {
            if (t.IsStopWord)
            {
                continue;
            }

            if (_stems.Contains(t.Stem))
            {
                shared.Add(t.Stem);
            }
            else if (_joined.TryGetValue(t.Stem, out (string First, string Second) pair))
            {
                shared.Add(pair.First);
                shared.Add(pair.Second);
            }
        }

        return shared.Count;
    }
}
