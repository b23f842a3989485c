namespace DiscussionBot.Storage.Postgres;

/// <summary>The PostgreSQL store cannot be reached or migrated; the message is one line without credentials.</summary>
public sealed class PostgresStoreUnavailableException : Exception
{
    public PostgresStoreUnavailableException()
    {
    }

    public PostgresStoreUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
