namespace DiscussionBot.Storage.Sqlite;

/// <summary>The store file cannot be used (not a database, a newer schema, unreadable); the message says why.</summary>
public sealed class StoreUnusableException : Exception
{
    public StoreUnusableException()
    {
    }

    public StoreUnusableException(string message)
        : base(message)
    {
    }

    public StoreUnusableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
