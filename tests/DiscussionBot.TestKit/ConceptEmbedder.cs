using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.TestKit;

/// <summary>
/// A sentence encoder for tests: words of one concept ("car", "automobile", "vehicle") share a dimension, so a query
/// can match a sentence by meaning without a word in common. Encoding passages runs synchronously on the caller's
/// thread, as the real model does; once armed (<see cref="HoldPassages"/>) it blocks there until released, so a test
/// can show what is answered before any vector exists. Queries are never held (a member's /quote embeds its query).
/// </summary>
public sealed class ConceptEmbedder : ISentenceEmbedder, IDisposable
{
    public const int Dimension = 8;

    private static readonly Dictionary<string, int> Concepts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["car"] = 0, ["cars"] = 0, ["automobile"] = 0, ["automobiles"] = 0, ["vehicle"] = 0, ["vehicles"] = 0, ["motorcar"] = 0,
        ["festival"] = 1, ["celebration"] = 1, ["fair"] = 1, ["feast"] = 1,
        ["sea"] = 2, ["ocean"] = 2, ["marine"] = 2, ["maritime"] = 2, ["harbour"] = 2,
        ["mourning"] = 3, ["grief"] = 3, ["funeral"] = 3, ["sorrow"] = 3,
    };

    private readonly ManualResetEventSlim _release = new(initialState: true);
    private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _passageCalls;

    public string ModelName => "concept-test";

    public bool IsAvailable => true;

    /// <summary>Calls that encoded passages (sentences or key phrases), held or not.</summary>
    public int PassageCalls => Volatile.Read(ref _passageCalls);

    /// <summary>Completes when a passage call has started waiting while held.</summary>
    public Task Entered => _entered.Task;

    /// <summary>Makes the next passage calls block their thread until <see cref="Release"/>.</summary>
    public void HoldPassages()
    {
        _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release.Reset();
    }

    public void Release() => _release.Set();

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _passageCalls);
        if (!_release.IsSet)
        {
            _entered.TrySetResult();
            // A failure guard only: a test that never releases fails instead of hanging.
            if (!_release.Wait(Waiter.DefaultTimeout, cancellationToken))
            {
                throw new TimeoutException("The held encoder was never released.");
            }
        }

        return texts.Select(Encode).ToArray();
    }

    public float[] EmbedQuery(string query, CancellationToken cancellationToken) => Encode(query);

    public void Dispose() => _release.Dispose();

    /// <summary>One unit per concept word found, plus a small constant so no text is the zero vector; unit length.</summary>
    public static float[] Encode(string text)
    {
        float[] vector = new float[Dimension];
        vector[Dimension - 1] = 0.2f;
        foreach (string word in text.Split([' ', ',', '.', ';', ':', '!', '?', '\n', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Concepts.TryGetValue(word, out int concept))
            {
                vector[concept] += 1f;
            }
        }

        float norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }
}
