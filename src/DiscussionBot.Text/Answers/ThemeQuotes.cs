using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Which sentences a theme quotes. A theme's evidence is read one sentence at a time, best first, so a sentence that
/// opens by pointing back with a pronoun or a demonstrative ("It’s seen as an attempt to drive up nationalist
/// sentiment.") would point to nothing: it is quoted right after the sentence it points back to, or not at all.
/// (A connective opener is quoted from the next word instead: <see cref="Ranking.ExtractiveSummarizer.QuotedAlone"/>.)
/// </summary>
internal static class ThemeQuotes
{
    /// <summary>True when the sentence opens with a pronoun or demonstrative ("It…", "He…", "This…", "Such…").</summary>
    public static bool PointsBack(string sentence) => (Openers.Kind(sentence) & (PointingBack.Pronoun | PointingBack.Demonstrative)) != 0;

    /// <summary>
    /// Up to <paramref name="count"/> sentences: the candidates in <paramref name="priority"/> order, each that points
    /// back preceded by its antecedent (a pair takes two places, or is passed over when only one is left); then shown
    /// in <paramref name="ranking"/> order, a pair kept together.
    /// </summary>
    /// <param name="priority">Candidates in the order they are taken (e.g. one per paragraph first).</param>
    /// <param name="ranking">How well each candidate carries the theme, best first (the order they are shown in).</param>
    /// <param name="antecedent">The sentence a candidate points back to (the one just before it), or null when it stands alone or has none.</param>
    public static List<int> Choose(IEnumerable<int> priority, IReadOnlyList<int> ranking, Func<int, int?> antecedent, int count)
    {
        var units = new List<List<int>>();
        var taken = new HashSet<int>();
        foreach (int i in priority)
        {
            if (taken.Count >= count)
            {
                break;
            }

            if (taken.Contains(i))
            {
                continue;
            }

            if (antecedent(i) is int before)
            {
                if (units.FirstOrDefault(u => u[^1] == before) is { } ending)
                {
                    ending.Add(i); // its antecedent is already quoted last in its unit: it follows it there
                    taken.Add(i);
                    continue;
                }

                if (taken.Contains(before) || taken.Count + 2 > count)
                {
                    continue;
                }

                units.Add([before, i]);
                taken.Add(before);
                taken.Add(i);
                continue;
            }

            units.Add([i]);
            taken.Add(i);
        }

        var place = new Dictionary<int, int>();
        for (int k = 0; k < ranking.Count; k++)
        {
            place.TryAdd(ranking[k], k);
        }

        return units.OrderBy(u => u.Min(i => place.GetValueOrDefault(i, int.MaxValue))).SelectMany(u => u).ToList();
    }
}
