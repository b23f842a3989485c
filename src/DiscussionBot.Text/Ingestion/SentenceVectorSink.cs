using System.Collections;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.Text.Ingestion;

/// <summary>
/// Collects one document's sentence vectors as the encoder returns them. A document of at least
/// <see cref="DocumentAnalyzer.CompactVectorsFrom"/> sentences keeps them as 8-bit integers and hands out a float copy
/// of a row when asked (the ranker and the store read each row a few times); a shorter one keeps the float arrays.
/// </summary>
internal sealed class SentenceVectorSink
{
    private readonly float[][]? _exact;
    private readonly QuantizedVectors? _compact;

    public SentenceVectorSink(int count, int dimension)
    {
        if (count >= DocumentAnalyzer.CompactVectorsFrom)
        {
            _compact = new QuantizedVectors(count, dimension);
        }
        else
        {
            _exact = new float[count][];
        }
    }

    /// <summary>The vectors, one per sentence, once every sentence is set.</summary>
    public IReadOnlyList<float[]> Vectors => _exact ?? (IReadOnlyList<float[]>)new CompactRows(_compact!);

    public void Set(int ordinal, float[] vector)
    {
        if (_exact is not null)
        {
            _exact[ordinal] = vector;
        }
        else
        {
            _compact!.Set(ordinal, vector);
        }
    }

    /// <summary>
    /// Rows decoded on demand, unit length: each indexed read returns a new float array the reader may keep; a reader
    /// of every row uses <see cref="CopyRow"/> into its own buffer instead (no array per read).
    /// </summary>
    private sealed class CompactRows(QuantizedVectors rows) : IReadOnlyList<float[]>, ICopiesVectorRows
    {
        public int Count => rows.Count;

        public int Dimension => rows.Dimension;

        public float[] this[int index]
        {
            get
            {
                float[] vector = new float[rows.Dimension];
                CopyRow(index, vector);
                return vector;
            }
        }

        public void CopyRow(int index, Span<float> destination)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, rows.Count);
            Span<float> vector = destination[..rows.Dimension];
            rows.CopyTo(index, vector);

            // rounding to 8 bits moves the length a little off 1; readers expect unit vectors
            float norm = MathF.Sqrt(VectorMath.Dot(vector, vector));
            if (norm > 0)
            {
                for (int i = 0; i < vector.Length; i++)
                {
                    vector[i] /= norm;
                }
            }
        }

        public IEnumerator<float[]> GetEnumerator()
        {
            for (int i = 0; i < rows.Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
