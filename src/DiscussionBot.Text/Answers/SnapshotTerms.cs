using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// The snapshot's words, tokenised once per snapshot: each quotable sentence's distinct content-word stems as sorted
/// ids, and in how many sentences each stem occurs. The re-ranker measures a query's coverage of dozens of candidates
/// and their paragraphs per query; looking ids up here costs microseconds where tokenising them again cost
/// milliseconds. Size: one int per distinct content word of each sentence (≈ 3 MB at 47,000 sentences).
/// A server's snapshot extends the operator's terms (<see cref="Extend"/>): only its own sentences are tokenised.
/// </summary>
internal sealed class SnapshotTerms
{
    private readonly SnapshotTerms? _shared;
    private readonly int _sharedRows;
    private readonly Dictionary<string, int> _newIds;
    private readonly int[] _counts;
    private readonly int[][] _rowStems;

    private SnapshotTerms(SnapshotTerms? shared, int sharedRows, Dictionary<string, int> newIds, int[] counts, int[][] rowStems)
    {
        _shared = shared;
        _sharedRows = sharedRows;
        _newIds = newIds;
        _counts = counts;
        _rowStems = rowStems;
    }

    /// <summary>Distinct stems known; ids run from 0 to this, exclusive.</summary>
    private int StemCount => _counts.Length;

    public static SnapshotTerms Build(IReadOnlyList<SentenceRow> rows) => Extend(null, rows, 0);

    /// <summary>
    /// The terms of a snapshot whose first <paramref name="sharedRows"/> rows are those of <paramref name="shared"/>'s
    /// snapshot: only the rows after them are tokenised, and stems the shared terms know keep their ids.
    /// </summary>
    public static SnapshotTerms Extend(SnapshotTerms? shared, IReadOnlyList<SentenceRow> rows, int sharedRows)
    {
        int firstNew = shared?.StemCount ?? 0;
        var newIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>(new int[firstNew]);
        var rowStems = new int[rows.Count - sharedRows][];
        var distinct = new HashSet<int>();
        for (int r = sharedRows; r < rows.Count; r++)
        {
            distinct.Clear();
            foreach (Token t in Tokenizer.Tokenize(rows[r].Text))
            {
                if (t.IsStopWord)
                {
                    continue;
                }

                int id = shared?.IdOf(t.Stem) ?? -1;
                if (id < 0 && !newIds.TryGetValue(t.Stem, out id))
                {
                    id = firstNew + newIds.Count;
                    newIds[t.Stem] = id;
                    counts.Add(0);
                }

                if (distinct.Add(id))
                {
                    counts[id]++;
                }
            }

            int[] stems = [.. distinct];
            Array.Sort(stems);
            rowStems[r - sharedRows] = stems;
        }

        return new SnapshotTerms(shared, sharedRows, newIds, [.. counts], rowStems);
    }

    /// <summary>The stem's id, or -1 when no quotable sentence holds it.</summary>
    public int IdOf(string stem) =>
        _shared?.IdOf(stem) is int known && known >= 0 ? known
        : _newIds.TryGetValue(stem, out int id) ? id : -1;

    /// <summary>In how many quotable sentences the stem occurs.</summary>
    public int FrequencyOf(string stem)
    {
        int id = IdOf(stem);
        return id < 0 ? 0 : CountOf(id);
    }

    /// <summary>True when the row's sentence holds the stem (by id; -1 is never held).</summary>
    public bool Holds(int row, int stemId) => stemId >= 0 && (row < _sharedRows
        ? _shared!.Holds(row, stemId)
        : Array.BinarySearch(_rowStems[row - _sharedRows], stemId) >= 0);

    private int CountOf(int id) => _counts[id] + (_shared is not null && id < _shared.StemCount ? _shared.CountOf(id) : 0);
}
