namespace DiscussionBot.Core.Ingestion;

/// <summary>A source file that cannot be ingested; the message names the file and says why.</summary>
public sealed class RejectedSourceException : Exception
{
    public RejectedSourceException(string path, string reason)
        : base($"{path}: {reason}")
    {
        SourcePath = path;
        Reason = reason;
    }

    public RejectedSourceException()
    {
        SourcePath = string.Empty;
        Reason = string.Empty;
    }

    public RejectedSourceException(string message)
        : base(message)
    {
        SourcePath = string.Empty;
        Reason = message;
    }

    public RejectedSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourcePath = string.Empty;
        Reason = message;
    }

    public string SourcePath { get; }

    public string Reason { get; }
}
