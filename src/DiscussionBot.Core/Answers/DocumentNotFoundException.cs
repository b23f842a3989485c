namespace DiscussionBot.Core.Answers;

/// <summary>A command named a document id that the store does not hold (it may have been removed meanwhile).</summary>
public sealed class DocumentNotFoundException : Exception
{
    public DocumentNotFoundException(long documentId)
        : base($"No document with id {documentId} is in the store.")
    {
        DocumentId = documentId;
    }

    public DocumentNotFoundException()
    {
    }

    public DocumentNotFoundException(string message)
        : base(message)
    {
    }

    public DocumentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public long DocumentId { get; }
}
