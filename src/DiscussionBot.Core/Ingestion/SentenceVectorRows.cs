namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// Sentence vectors held in a compact form that decodes a new array on every indexed read (a long document's 8-bit
/// rows). A reader that visits every row copies each into a buffer of its own instead, so reading an 8 MB text's
/// 69,000 rows makes no garbage; garbage made that fast grows the GC's young generation by ~100 MB of working set.
/// </summary>
public interface ICopiesVectorRows
{
    /// <summary>Length of every row.</summary>
    int Dimension { get; }

    /// <summary>Writes row <paramref name="index"/>, exactly as the indexer returns it, into <paramref name="destination"/> (its length is <see cref="Dimension"/>).</summary>
    void CopyRow(int index, Span<float> destination);
}

/// <summary>Reads rows of any sentence-vector list into a caller's buffer, without allocating when the list can copy rows itself.</summary>
public static class SentenceVectorRows
{
    /// <summary>The length of the list's rows (0 for an empty list).</summary>
    public static int Dimension(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return vectors switch
        {
            ICopiesVectorRows rows => rows.Dimension,
            { Count: 0 } => 0,
            _ => vectors[0].Length,
        };
    }

    /// <summary>Writes row <paramref name="index"/> into <paramref name="destination"/>, which must be as long as the row.</summary>
    public static void CopyRow(IReadOnlyList<float[]> vectors, int index, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors is ICopiesVectorRows rows)
        {
            rows.CopyRow(index, destination);
        }
        else
        {
            float[] row = vectors[index];
            if (row.Length != destination.Length)
            {
                throw new ArgumentException($"Row {index} has {row.Length} components, the buffer {destination.Length}.", nameof(destination));
            }

            row.CopyTo(destination);
        }
    }
}
