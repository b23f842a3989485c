using System.Collections;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.TestKit.Storage;

/// <summary>
/// Sentence vectors that copy rows into a reader's buffer, like the text engine's 8-bit rows of a long document, and
/// count the reads that made a new array through the indexer (a writer should make none).
/// </summary>
public sealed class CopyingVectorRows(IReadOnlyList<float[]> rows) : IReadOnlyList<float[]>, ICopiesVectorRows
{
    public int IndexerReads { get; private set; }

    public int Count => rows.Count;

    public int Dimension => rows.Count == 0 ? 0 : rows[0].Length;

    public float[] this[int index]
    {
        get
        {
            IndexerReads++;
            return rows[index].ToArray();
        }
    }

    public void CopyRow(int index, Span<float> destination) => rows[index].CopyTo(destination);

    public IEnumerator<float[]> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
