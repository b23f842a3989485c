using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.Text.Tests.Embeddings;

public sealed class QuantizedVectorsTests
{
    [Fact]
    public void Dot_RandomUnitVectors_WithinAThousandthOfFloat32()
    {
        var random = new Random(7);
        float[][] rows = Enumerable.Range(0, 200).Select(_ => UnitVector(random, 384)).ToArray();
        float[] query = UnitVector(random, 384);
        var vectors = new QuantizedVectors(rows.Length, 384);
        for (int r = 0; r < rows.Length; r++)
        {
            vectors.Set(r, rows[r]);
        }

        for (int r = 0; r < rows.Length; r++)
        {
            Assert.InRange(vectors.Dot(r, query) - VectorMath.Dot(rows[r], query), -1e-3f, 1e-3f);
            Assert.InRange(vectors.Dot(r, (r + 1) % rows.Length) - VectorMath.Dot(rows[r], rows[(r + 1) % rows.Length]), -1e-3f, 1e-3f);
        }
    }

    [Fact]
    public void Dot_LengthNotAMultipleOfTheSimdWidth_CountsEveryComponent()
    {
        float[] row = Enumerable.Range(0, 37).Select(i => i % 3 == 0 ? -1f : 1f).ToArray();
        float[] ones = Enumerable.Repeat(1f, 37).ToArray();
        var vectors = new QuantizedVectors(1, row.Length);
        vectors.Set(0, row);

        Assert.Equal(row.Sum(), vectors.Dot(0, ones), 3);
    }

    [Fact]
    public void AddTo_ZeroVector_StaysZeroAndNeverDividesByZero()
    {
        var vectors = new QuantizedVectors(2, 8);
        vectors.Set(0, new float[8]);
        vectors.Set(1, [1, 0, 0, 0, 0, 0, 0, 0]);
        float[] sum = new float[8];

        vectors.AddTo(0, sum);
        vectors.AddTo(1, sum);

        Assert.Equal([1f, 0, 0, 0, 0, 0, 0, 0], sum);
        Assert.Equal(0f, vectors.Dot(0, 1));
    }

    [Theory]
    [InlineData(384)]
    [InlineData(37)]
    [InlineData(100)]
    public void AddTo_SeveralRows_BitIdenticalToAddingOneComponentAtATime(int dimension)
    {
        // the paragraph's mean vector ranks /quote's passages: adding 32 components at a time must not move a bit
        var random = new Random(11);
        float[][] rows = Enumerable.Range(0, 12).Select(_ => UnitVector(random, dimension)).ToArray();
        var vectors = new QuantizedVectors(rows.Length, dimension);
        float[] expected = new float[dimension];
        float[] sum = new float[dimension];
        for (int r = 0; r < rows.Length; r++)
        {
            vectors.Set(r, rows[r]);

            // the stored bytes and scale, as Set computes them
            float scale = rows[r].Select(Math.Abs).Max() / 127f;
            for (int i = 0; i < dimension; i++)
            {
                sbyte value = (sbyte)Math.Clamp(MathF.Round(rows[r][i] / scale), -127, 127);
                expected[i] += value * scale;
            }

            vectors.AddTo(r, sum);
        }

        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), sum.Select(BitConverter.SingleToInt32Bits));
    }

    [Theory]
    [InlineData(384, 47)]
    [InlineData(37, 10)]
    [InlineData(7, 3)]
    [InlineData(64, 1)]
    public void DotRows_BitIdenticalToOneRowAtATime(int dimension, int rowCount)
    {
        // /quote's dense scan ranks on these cosines: two rows at a time must not move a bit
        var random = new Random(5);
        var vectors = new QuantizedVectors(rowCount + 2, dimension);
        for (int r = 0; r < vectors.Count; r++)
        {
            vectors.Set(r, UnitVector(random, dimension));
        }

        float[] query = UnitVector(random, dimension);
        float[] scores = new float[rowCount];

        vectors.DotRows(1, query, scores);

        Assert.Equal(
            Enumerable.Range(1, rowCount).Select(r => BitConverter.SingleToInt32Bits(vectors.Dot(r, query))),
            scores.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void DotRows_LargeStore_BitIdenticalToOneRowAtATime()
    {
        var random = new Random(9);
        var vectors = new QuantizedVectors(20_001, 384);
        for (int r = 0; r < vectors.Count; r++)
        {
            vectors.Set(r, UnitVector(random, 384));
        }

        float[] query = UnitVector(random, 384);
        float[] scores = new float[vectors.Count];

        vectors.DotRows(0, query, scores);

        Assert.All(Enumerable.Range(0, vectors.Count), r => Assert.Equal(BitConverter.SingleToInt32Bits(vectors.Dot(r, query)), BitConverter.SingleToInt32Bits(scores[r])));
    }

    [Fact]
    public void Bytes_QuarterOfFloat32PlusOneScalePerRow()
    {
        var vectors = new QuantizedVectors(1000, 384);

        Assert.Equal((1000 * 384) + (1000 * 4), vectors.Bytes);
    }

    private static float[] UnitVector(Random random, int dimension)
    {
        float[] v = Enumerable.Range(0, dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        return VectorMath.Normalize(v);
    }
}
