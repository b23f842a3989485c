using System.Collections.Concurrent;
using System.Globalization;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Per-document answers (a document's summary or themes) remembered for one version of that document, so repeated
/// commands on a long document cost a lookup, and another document's change (another server's addition, say) does
/// not drop them. Eviction: an answer is replaced when its document's version changes, and the table is emptied
/// whenever it would hold more than <see cref="Capacity"/> answers.
/// </summary>
public sealed class DocumentMemo
{
    public const int Capacity = 256;

    private readonly ConcurrentDictionary<string, (string Version, Lazy<object> Value)> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// What a per-document answer depends on: the document's text and title, when it was (re)written, and whether its
    /// sentence vectors are stored yet (they arrive in the background after a server's addition).
    /// </summary>
    public static string VersionOf(DocumentInfo document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return string.Create(CultureInfo.InvariantCulture, $"{document.ContentHash}|{document.IngestedAt.UtcTicks}|{document.HasVectors}|{document.Title}");
    }

    /// <summary>The answer remembered for this key and document version, or null.</summary>
    public T? Find<T>(string key, string version)
        where T : class =>
        _entries.TryGetValue(key, out (string Version, Lazy<object> Value) entry) && entry.Version == version && entry.Value.IsValueCreated
            ? (T)entry.Value.Value
            : null;

    /// <summary>Computes an answer once per key and document version.</summary>
    public T Get<T>(string key, string version, Func<T> compute)
        where T : class
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }

        (string Version, Lazy<object> Value) entry = _entries.AddOrUpdate(
            key,
            _ => (version, new Lazy<object>(() => compute())),
            (_, held) => held.Version == version ? held : (version, new Lazy<object>(() => compute())));
        return (T)entry.Value.Value;
    }
}
