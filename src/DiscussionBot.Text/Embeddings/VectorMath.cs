using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Text;

/// <summary>SIMD helpers for unit-length float vectors.</summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int length = Math.Min(x.Length, y.Length);
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            ReadOnlySpan<Vector<float>> vx = MemoryMarshal.Cast<float, Vector<float>>(x[..length]);
            ReadOnlySpan<Vector<float>> vy = MemoryMarshal.Cast<float, Vector<float>>(y[..length]);
            for (int k = 0; k < vx.Length; k++)
            {
                acc += vx[k] * vy[k];
            }

            sum = Vector.Sum(acc);
            i = vx.Length * Vector<float>.Count;
        }

        for (; i < length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    public static float[] Normalize(float[] v)
    {
        double norm = Math.Sqrt(Dot(v, v));
        if (norm <= 0)
        {
            return v;
        }

        float[] r = new float[v.Length];
        for (int i = 0; i < v.Length; i++)
        {
            r[i] = (float)(v[i] / norm);
        }

        return r;
    }

    /// <summary>
    /// <see cref="Mean(IEnumerable{float[]}, int)"/> of the listed rows, each read into one buffer: a long document's
    /// 8-bit rows would otherwise decode a new array per row.
    /// </summary>
    public static float[] MeanOfRows(IReadOnlyList<float[]> vectors, IEnumerable<int> rows)
    {
        int dimension = SentenceVectorRows.Dimension(vectors);
        float[] sum = new float[dimension];
        float[] row = new float[dimension];
        foreach (int r in rows)
        {
            SentenceVectorRows.CopyRow(vectors, r, row);
            for (int i = 0; i < dimension; i++)
            {
                sum[i] += row[i];
            }
        }

        return Normalize(sum);
    }

    public static float[] Mean(IEnumerable<float[]> vectors, int dimension)
    {
        float[] sum = new float[dimension];
        foreach (float[] v in vectors)
        {
            for (int i = 0; i < dimension; i++)
            {
                sum[i] += v[i];
            }
        }

        return Normalize(sum);
    }
}
