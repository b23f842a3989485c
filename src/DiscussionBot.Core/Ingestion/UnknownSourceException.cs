namespace DiscussionBot.Core.Ingestion;

/// <summary>A key that names no stored document; the message lists the unknown keys.</summary>
public sealed class UnknownSourceException : Exception
{
    public UnknownSourceException()
        : this([])
    {
    }

    public UnknownSourceException(IReadOnlyList<string> keys)
        : base(keys.Count == 1 ? $"no document has the key '{keys[0]}'" : $"no documents have the keys {string.Join(", ", keys.Select(k => $"'{k}'"))}")
    {
        Keys = keys;
    }

    public UnknownSourceException(string message)
        : base(message)
    {
        Keys = [];
    }

    public UnknownSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Keys = [];
    }

    public IReadOnlyList<string> Keys { get; }
}
