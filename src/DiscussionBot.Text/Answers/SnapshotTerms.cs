using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// The snapshot's words, tokenised once per store revision: each quotable sentence's distinct content-word stems as
/// sorted ids, and in how many sentences each stem occurs. The re-ranker measures a query's coverage of dozens of
/// candidates and their paragraphs per query; looking ids up here costs microseconds where tokenising them again
/// cost milliseconds. Size: one int per distinct content word of each sentence (≈ 3 MB at 47,000 sentences).
/// </summary>
internal sealed class SnapshotTerms
{
    private readonly Dictionary<string, int> _ids;
    private readonly int[] _frequencies;
    private readonly int[][] _rowStems;

    private SnapshotTerms(Dictionary<string, int> ids, int[] frequencies, int[][] rowStems)
    {
        _ids = ids;
        _frequencies = frequencies;
        _rowStems = rowStems;
    }

    public static SnapshotTerms Build(IReadOnlyList<SentenceRow> rows)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var frequencies = new List<int>();
        var rowStems = new int[rows.Count][];
        var distinct = new HashSet<int>();
        for (int r = 0; r < rows.Count; r++)
        {
            distinct.Clear();
            foreach (Token t in Tokenizer.Tokenize(rows[r].Text))
            {
                if (t.IsStopWord)
                {
                    continue;
                }

                if (!ids.TryGetValue(t.Stem, out int id))
                {
                    id = ids.Count;
                    ids[t.Stem] = id;
                    frequencies.Add(0);
                }

                if (distinct.Add(id))
                {
                    frequencies[id]++;
                }
            }

            int[] stems = [.. distinct];
            Array.Sort(stems);
            rowStems[r] = stems;
        }

        return new SnapshotTerms(ids, [.. frequencies], rowStems);
    }

    /// <summary>The stem's id, or -1 when no quotable sentence holds it.</summary>
    public int IdOf(string stem) => _ids.TryGetValue(stem, out int id) ? id : -1;

    /// <summary>In how many quotable sentences the stem occurs.</summary>
    public int FrequencyOf(string stem) => _ids.TryGetValue(stem, out int id) ? _frequencies[id] : 0;

    /// <summary>True when the row's sentence holds the stem (by id; -1 is never held).</summary>
    public bool Holds(int row, int stemId) => stemId >= 0 && Array.BinarySearch(_rowStems[row], stemId) >= 0;
}
