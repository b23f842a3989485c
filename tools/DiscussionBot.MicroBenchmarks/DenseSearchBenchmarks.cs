using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using DiscussionBot.Text;
using DiscussionBot.Text.Embeddings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.MicroBenchmarks;

/// <summary>
/// The dense part of /quote that grows with the corpus: one dot product per stored sentence vector (384 floats),
/// written as the engine's SIMD dot is, over the seed, ~BBC, ~SciFact and 4x SciFact sentence counts.
/// </summary>
[MemoryDiagnoser]
public class DenseSearchBenchmarks
{
    private const int Dimension = 384;
    private float[] _matrix = null!;
    private float[] _query = null!;

    [Params(35, 28_700, 46_800, 187_000)]
    public int Sentences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _matrix = new float[Sentences * Dimension];
        for (int i = 0; i < _matrix.Length; i++)
        {
            _matrix[i] = (float)((random.NextDouble() * 2) - 1);
        }

        _query = Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble()).ToArray();
    }

    [Benchmark]
    public float ScanAllVectors()
    {
        float best = float.MinValue;
        ReadOnlySpan<float> matrix = _matrix;
        for (int row = 0; row < Sentences; row++)
        {
            best = Math.Max(best, Dot(matrix.Slice(row * Dimension, Dimension), _query));
        }

        return best;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var acc = Vector<float>.Zero;
        ReadOnlySpan<Vector<float>> vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        ReadOnlySpan<Vector<float>> vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        for (int k = 0; k < vx.Length; k++)
        {
            acc += vx[k] * vy[k];
        }

        return Vector.Sum(acc);
    }
}

/// <summary>Embedding one query with MiniLM: the fixed per-query cost of /quote in embedding mode.</summary>
[MemoryDiagnoser]
public class QueryEmbeddingBenchmarks
{
    private OnnxSentenceEmbedder _embedder = null!;

    [Params("cannon fodder", "why were the troops sent abroad and who decided it")]
    public string Query { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _embedder = new OnnxSentenceEmbedder(Options.Create(new TextEngineOptions()), NullLogger<OnnxSentenceEmbedder>.Instance);
        if (!_embedder.IsAvailable)
        {
            throw new InvalidOperationException("The MiniLM model could not be loaded.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _embedder.Dispose();

    [Benchmark]
    public float[] EmbedQuery() => _embedder.Embed([Query], CancellationToken.None)[0];
}
