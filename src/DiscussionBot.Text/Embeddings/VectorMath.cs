using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
