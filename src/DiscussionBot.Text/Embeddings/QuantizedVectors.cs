using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DiscussionBot.Text.Embeddings;

/// <summary>
/// Sentence vectors held as 8-bit integers with one scale per vector (a quarter of float32's memory): component i of
/// row r is <c>values[r·d + i] × scales[r]</c>, the scale being the row's largest magnitude / 127. For unit-length
/// 384-d vectors the error of a cosine is about 5·10⁻⁴ (measured against float32 in docs/quality.md), far below the
/// gaps that order passages. Queries stay float32: each dot product widens the row's bytes to floats on the fly.
/// </summary>
internal sealed class QuantizedVectors
{
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    public QuantizedVectors(int count, int dimension)
    {
        Count = count;
        Dimension = dimension;
        _values = new sbyte[(long)count * dimension];
        _scales = new float[count];
    }

    public int Count { get; }

    public int Dimension { get; }

    /// <summary>Bytes held: values and scales.</summary>
    public long Bytes => _values.LongLength + (_scales.LongLength * sizeof(float));

    public void Set(int row, ReadOnlySpan<float> vector)
    {
        float largest = 0;
        foreach (float x in vector)
        {
            largest = Math.Max(largest, Math.Abs(x));
        }

        Span<sbyte> target = _values.AsSpan(row * Dimension, Dimension);
        float scale = largest > 0 ? largest / 127f : 0;
        _scales[row] = scale;
        for (int i = 0; i < target.Length; i++)
        {
            target[i] = scale > 0 ? (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127, 127) : (sbyte)0;
        }
    }

    /// <summary>Copies row <paramref name="source"/> of <paramref name="other"/> into row <paramref name="row"/>.</summary>
    public void CopyRow(QuantizedVectors other, int source, int row)
    {
        other._values.AsSpan(source * Dimension, Dimension).CopyTo(_values.AsSpan(row * Dimension, Dimension));
        _scales[row] = other._scales[source];
    }

    /// <summary>The dot product of row <paramref name="row"/> with a float vector.</summary>
    public float Dot(int row, ReadOnlySpan<float> query) => Dot(_values.AsSpan(row * Dimension, Dimension), query) * _scales[row];

    /// <summary>
    /// <see cref="Dot(int, ReadOnlySpan{float})"/> of rows <paramref name="first"/> .. <paramref name="first"/> +
    /// <paramref name="scores"/>.Length − 1 into <paramref name="scores"/>, bit-identical to one row at a time: /quote's
    /// dense scan over every sentence. Rows go two at a time through <see cref="Dot2"/>, which keeps each row's
    /// sums in the single-row order; the two rows' independent sums overlap in the CPU and share the query's loads.
    /// </summary>
    public void DotRows(int first, ReadOnlySpan<float> query, Span<float> scores)
    {
        int count = scores.Length;
        ReadOnlySpan<sbyte> values = _values.AsSpan(first * Dimension, count * Dimension);
        ReadOnlySpan<float> scales = _scales.AsSpan(first, count);
        int r = 0;
        for (; r + 1 < count; r += 2)
        {
            (float a, float b) = Dot2(values.Slice(r * Dimension, Dimension), values.Slice((r + 1) * Dimension, Dimension), query);
            scores[r] = a * scales[r];
            scores[r + 1] = b * scales[r + 1];
        }

        if (r < count)
        {
            scores[r] = Dot(values.Slice(r * Dimension, Dimension), query) * scales[r];
        }
    }

    /// <summary>The dot product of two rows.</summary>
    public float Dot(int a, int b)
    {
        Span<float> decoded = Dimension <= 1024 ? stackalloc float[Dimension] : new float[Dimension];
        CopyTo(a, decoded);
        return Dot(b, decoded);
    }

    /// <summary>
    /// Adds row <paramref name="row"/> (decoded) to <paramref name="sum"/>: <c>sum[i] += values[i] × scale</c>, 32
    /// components at a time where the CPU has 256-bit vectors. Each component is the same product and the same sum
    /// as one at a time (no fused multiply-add), so the result is bit-identical either way.
    /// </summary>
    public void AddTo(int row, Span<float> sum)
    {
        ReadOnlySpan<sbyte> values = _values.AsSpan(row * Dimension, Dimension);
        float scale = _scales[row];
        sum = sum[..values.Length];
        int i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<sbyte>.Count)
        {
            ref sbyte xs = ref MemoryMarshal.GetReference(values);
            ref float ys = ref MemoryMarshal.GetReference(sum);
            Vector256<float> scales = Vector256.Create(scale);
            for (; i <= values.Length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                (Vector256<short> low, Vector256<short> high) = Vector256.Widen(Vector256.LoadUnsafe(ref xs, (nuint)i));
                (Vector256<int> a, Vector256<int> b) = Vector256.Widen(low);
                (Vector256<int> c, Vector256<int> d) = Vector256.Widen(high);
                (Vector256.LoadUnsafe(ref ys, (nuint)i) + (Vector256.ConvertToSingle(a) * scales)).StoreUnsafe(ref ys, (nuint)i);
                (Vector256.LoadUnsafe(ref ys, (nuint)(i + 8)) + (Vector256.ConvertToSingle(b) * scales)).StoreUnsafe(ref ys, (nuint)(i + 8));
                (Vector256.LoadUnsafe(ref ys, (nuint)(i + 16)) + (Vector256.ConvertToSingle(c) * scales)).StoreUnsafe(ref ys, (nuint)(i + 16));
                (Vector256.LoadUnsafe(ref ys, (nuint)(i + 24)) + (Vector256.ConvertToSingle(d) * scales)).StoreUnsafe(ref ys, (nuint)(i + 24));
            }
        }

        for (; i < values.Length; i++)
        {
            sum[i] += values[i] * scale;
        }
    }

    public void CopyTo(int row, Span<float> target)
    {
        target[..Dimension].Clear();
        AddTo(row, target);
    }

    /// <summary>
    /// <see cref="Dot(ReadOnlySpan{sbyte}, ReadOnlySpan{float})"/> of two byte vectors of one length with the same
    /// <paramref name="y"/>: each sum takes exactly the products, accumulators and order of the single dot (no fused
    /// multiply-add), so each result is bit-identical to it.
    /// </summary>
    internal static (float X0, float X1) Dot2(ReadOnlySpan<sbyte> x0, ReadOnlySpan<sbyte> x1, ReadOnlySpan<float> y)
    {
        int length = Math.Min(x0.Length, y.Length);
        if (x1.Length != x0.Length)
        {
            return (Dot(x0, y), Dot(x1, y));
        }

        int i = 0;
        float sum0 = 0, sum1 = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<sbyte>.Count)
        {
            ref sbyte xs0 = ref MemoryMarshal.GetReference(x0);
            ref sbyte xs1 = ref MemoryMarshal.GetReference(x1);
            ref float ys = ref MemoryMarshal.GetReference(y);
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            Vector256<float> acc2 = Vector256<float>.Zero, acc3 = Vector256<float>.Zero;
            for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                Vector256<float> y0 = Vector256.LoadUnsafe(ref ys, (nuint)i);
                Vector256<float> y1 = Vector256.LoadUnsafe(ref ys, (nuint)(i + 8));
                Vector256<float> y2 = Vector256.LoadUnsafe(ref ys, (nuint)(i + 16));
                Vector256<float> y3 = Vector256.LoadUnsafe(ref ys, (nuint)(i + 24));

                (Vector256<short> low, Vector256<short> high) = Vector256.Widen(Vector256.LoadUnsafe(ref xs0, (nuint)i));
                (Vector256<int> a, Vector256<int> b) = Vector256.Widen(low);
                (Vector256<int> c, Vector256<int> d) = Vector256.Widen(high);
                acc0 += Vector256.ConvertToSingle(a) * y0;
                acc1 += Vector256.ConvertToSingle(b) * y1;
                acc0 += Vector256.ConvertToSingle(c) * y2;
                acc1 += Vector256.ConvertToSingle(d) * y3;

                (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref xs1, (nuint)i));
                (a, b) = Vector256.Widen(low);
                (c, d) = Vector256.Widen(high);
                acc2 += Vector256.ConvertToSingle(a) * y0;
                acc3 += Vector256.ConvertToSingle(b) * y1;
                acc2 += Vector256.ConvertToSingle(c) * y2;
                acc3 += Vector256.ConvertToSingle(d) * y3;
            }

            sum0 = Vector256.Sum(acc0 + acc1);
            sum1 = Vector256.Sum(acc2 + acc3);
        }

        for (; i < length; i++)
        {
            sum0 += x0[i] * y[i];
            sum1 += x1[i] * y[i];
        }

        return (sum0, sum1);
    }

    /// <summary>Σ x[i]·y[i] with the bytes widened to floats, 32 at a time where the CPU has 256-bit vectors.</summary>
    internal static float Dot(ReadOnlySpan<sbyte> x, ReadOnlySpan<float> y)
    {
        int length = Math.Min(x.Length, y.Length);
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<sbyte>.Count)
        {
            ref sbyte xs = ref MemoryMarshal.GetReference(x);
            ref float ys = ref MemoryMarshal.GetReference(y);
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
            {
                Vector256<sbyte> bytes = Vector256.LoadUnsafe(ref xs, (nuint)i);
                (Vector256<short> low, Vector256<short> high) = Vector256.Widen(bytes);
                (Vector256<int> a, Vector256<int> b) = Vector256.Widen(low);
                (Vector256<int> c, Vector256<int> d) = Vector256.Widen(high);
                acc0 += Vector256.ConvertToSingle(a) * Vector256.LoadUnsafe(ref ys, (nuint)i);
                acc1 += Vector256.ConvertToSingle(b) * Vector256.LoadUnsafe(ref ys, (nuint)(i + 8));
                acc0 += Vector256.ConvertToSingle(c) * Vector256.LoadUnsafe(ref ys, (nuint)(i + 16));
                acc1 += Vector256.ConvertToSingle(d) * Vector256.LoadUnsafe(ref ys, (nuint)(i + 24));
            }

            sum = Vector256.Sum(acc0 + acc1);
        }

        for (; i < length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }
}
