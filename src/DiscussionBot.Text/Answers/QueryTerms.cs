using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// A query's content words as the snapshot writes them. A word the sources never use may be two of their words
/// written together ("TimeWarner" asked, "Time Warner" written; "5000m" asked, "5,000m" written: split), two
/// adjacent query words may be one word of the sources ("Time Warner" asked, "TimeWarner" written: joined), and an
/// irregular verb may be written in another of its forms ("won" asked, "winning" written: <see cref="IrregularVerbs"/>). Each
/// query word then has several spellings (<see cref="WeightedStem.OtherSpellings"/>), and the full-text search gets the
/// extra forms (a split word as a two-word phrase).
/// </summary>
internal static class QueryTerms
{
    // parts shorter than this are too ambiguous to split a word into ("a" + "ward")
    private const int MinimumLetterPart = 3;

    /// <summary>The first of the content words with each stem, in query order: one per weighted stem.</summary>
    public static List<Token> DistinctWords(IReadOnlyList<Token> content) => content.DistinctBy(t => t.Stem, StringComparer.Ordinal).ToList();

    /// <summary>The weighted query words for coverage, and the extra forms to search for.</summary>
    public static (List<WeightedStem> Stems, List<string> ExtraSearchTerms) Resolve(SnapshotTerms terms, int rowCount, IReadOnlyList<Token> content) =>
        Resolve(terms, rowCount, content, DistinctWords(content));

    /// <inheritdoc cref="Resolve(SnapshotTerms, int, IReadOnlyList{Token})"/>
    /// <param name="distinct">The content words' <see cref="DistinctWords"/>, when the caller has them.</param>
    public static (List<WeightedStem> Stems, List<string> ExtraSearchTerms) Resolve(SnapshotTerms terms, int rowCount, IReadOnlyList<Token> content, List<Token> distinct)
    {
        var spellings = distinct.Select(t => new List<int[]> { new[] { terms.IdOf(t.Stem) } }).ToList();
        var frequencies = distinct.Select(t => terms.FrequencyOf(t.Stem)).ToList();
        var extra = new List<string>();

        for (int i = 0; i < distinct.Count; i++)
        {
            if (spellings[i][0][0] >= 0 || Split(terms, distinct[i].Lower) is not (string left, string right))
            {
                continue;
            }

            int leftId = terms.IdOf(Tokenizer.StemOf(left));
            int rightId = terms.IdOf(Tokenizer.StemOf(right));
            spellings[i].Add([leftId, rightId]);
            frequencies[i] = Math.Min(terms.FrequencyOf(Tokenizer.StemOf(left)), terms.FrequencyOf(Tokenizer.StemOf(right)));
            extra.Add($"{left} {right}");
        }

        // a verb's irregular forms ("won": "win", which "winning" stems to): the sentences holding any form count, and
        // the word weighs as the verb's forms together do
        for (int i = 0; i < distinct.Count; i++)
        {
            foreach (string form in IrregularVerbs.OtherForms(distinct[i].Stem))
            {
                string stem = Tokenizer.StemOf(form);
                int id = terms.IdOf(stem);
                if (id < 0 || spellings[i].Any(s => s.Length == 1 && s[0] == id))
                {
                    continue;
                }

                spellings[i].Add([id]);
                frequencies[i] += terms.FrequencyOf(stem);
                extra.Add(form);
            }
        }

        // adjacent words of the query as it was typed (stop words break adjacency)
        for (int i = 0; i + 1 < content.Count; i++)
        {
            Token a = content[i], b = content[i + 1];
            if (b.Start - a.End > 1 || !char.IsLetter(a.Lower[0]) || !char.IsLetter(b.Lower[0]))
            {
                continue;
            }

            string joined = a.Lower + b.Lower;
            int joinedId = terms.IdOf(Tokenizer.StemOf(joined));
            if (joinedId < 0)
            {
                continue;
            }

            spellings[distinct.FindIndex(t => t.Stem == a.Stem)].Add([joinedId]);
            spellings[distinct.FindIndex(t => t.Stem == b.Stem)].Add([joinedId]);
            extra.Add(joined);
        }

        var stems = distinct
            .Select((t, i) => new WeightedStem(spellings[i][0][0], Math.Log(1 + (rowCount / (1.0 + frequencies[i]))), spellings[i].Count > 1 ? spellings[i].Skip(1).ToArray() : null))
            .ToList();
        return (stems, extra);
    }

    /// <summary>
    /// The two known words <paramref name="word"/> is written from, or null: letters split into parts of three
    /// letters or more, a number before a thousands group ("5000m" → "5" "000m", as "5,000m" is tokenised).
    /// </summary>
    internal static (string Left, string Right)? Split(SnapshotTerms terms, string word)
    {
        (string, string)? best = null;
        int bestFrequency = -1;
        for (int p = 1; p < word.Length; p++)
        {
            string left = word[..p], right = word[p..];
            bool letters = left.All(char.IsLetter) && right.All(char.IsLetter) && left.Length >= MinimumLetterPart && right.Length >= MinimumLetterPart;
            bool thousands = left.All(char.IsDigit) && left.Length <= 3 && right.Length >= 3 && right[..3].All(char.IsDigit) &&
                             (right.Length == 3 || !char.IsDigit(right[3]));
            if (!letters && !thousands)
            {
                continue;
            }

            int frequency = Math.Min(terms.FrequencyOf(Tokenizer.StemOf(left)), terms.FrequencyOf(Tokenizer.StemOf(right)));
            if (frequency > 0 && frequency > bestFrequency)
            {
                (best, bestFrequency) = ((left, right), frequency);
            }
        }

        return best;
    }
}
