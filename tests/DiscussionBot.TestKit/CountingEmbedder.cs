using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.TestKit;

/// <summary>
/// A sentence embedder without a model: each text gets a deterministic unit vector derived from its words, and every
/// call is recorded, so tests can see how many texts the engine hands the encoder at once. Encodes synchronously,
/// like the real model.
/// </summary>
public sealed class CountingEmbedder(int dimension = 16) : ISentenceEmbedder
{
    private readonly Lock _lock = new();
    private readonly List<int> _calls = [];

    public string ModelName => "counting-fake";

    public bool IsAvailable => true;

    /// <summary>How many texts each call received, in call order.</summary>
    public IReadOnlyList<int> CallSizes
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _calls.Add(texts.Count);
        }

        return texts.Select(VectorOf).ToArray();
    }

    /// <summary>
    /// Streams the vectors as the real encoder does: from two threads at once, out of order (a batch per thread),
    /// each index once. Recorded like the other overload.
    /// </summary>
    public void Embed(IReadOnlyList<string> texts, Action<int, float[]> store, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _calls.Add(texts.Count);
            StreamedTexts += texts.Count;
        }

        int[] order = [.. Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ThenBy(i => i)];
        Parallel.ForEach(
            order.Chunk(8),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            batch =>
            {
                foreach (int i in batch)
                {
                    store(i, VectorOf(texts[i]));
                }
            });
    }

    /// <summary>Texts whose vectors were streamed (the overload with a callback) rather than returned.</summary>
    public int StreamedTexts { get; private set; }

    /// <summary>The vector this fake gives a text: word hashes spread over the dimensions, unit length.</summary>
    public float[] VectorOf(string text)
    {
        float[] vector = new float[dimension];
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int hash = 17;
            foreach (char c in word)
            {
                hash = unchecked((hash * 31) + char.ToLowerInvariant(c));
            }

            vector[(int)((uint)hash % (uint)dimension)] += 1;
        }

        vector[0] += 0.5f;
        double norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        return vector.Select(x => (float)(x / norm)).ToArray();
    }
}
