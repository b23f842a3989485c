using System.Collections.Concurrent;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Per-document answers (a document's summary or themes) remembered for one store revision, so repeated
/// commands on a long document cost a lookup. Eviction: everything is dropped when the revision changes, and
/// the table is emptied whenever it would hold more than <see cref="Capacity"/> answers.
/// </summary>
public sealed class RevisionMemo
{
    public const int Capacity = 256;

    private readonly object _gate = new();
    private long _revision = long.MinValue;
    private ConcurrentDictionary<string, Lazy<object>> _entries = new(StringComparer.Ordinal);

    /// <summary>The answer remembered for this revision and key, or null.</summary>
    public T? Find<T>(long revision, string key)
        where T : class =>
        EntriesFor(revision).TryGetValue(key, out Lazy<object>? value) && value.IsValueCreated ? (T)value.Value : null;

    /// <summary>Computes an answer once per revision and key.</summary>
    public T Get<T>(long revision, string key, Func<T> compute)
        where T : class
    {
        ConcurrentDictionary<string, Lazy<object>> entries = EntriesFor(revision);
        if (entries.Count >= Capacity && !entries.ContainsKey(key))
        {
            entries.Clear();
        }

        return (T)entries.GetOrAdd(key, _ => new Lazy<object>(() => compute())).Value;
    }

    private ConcurrentDictionary<string, Lazy<object>> EntriesFor(long revision)
    {
        lock (_gate)
        {
            if (revision != _revision)
            {
                _revision = revision;
                _entries = new ConcurrentDictionary<string, Lazy<object>>(StringComparer.Ordinal);
            }

            return _entries;
        }
    }
}
