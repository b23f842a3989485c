namespace DiscussionBot.Commands.Pipeline;

/// <summary>Fetches the file a member gave to <c>/source add</c> (implemented by the app: Discord's hosts only, size and time limits).</summary>
public interface IAttachmentDownloader
{
    /// <param name="declaredSize">The size Discord reported for the attachment, checked before any request.</param>
    /// <exception cref="AttachmentRejectedException">The file cannot be fetched; the message is written for the member.</exception>
    Task<byte[]> DownloadAsync(Uri url, long? declaredSize, CancellationToken cancellationToken);
}

/// <summary>An attachment that could not be used; the message is written for the member.</summary>
public sealed class AttachmentRejectedException : Exception
{
    public AttachmentRejectedException()
    {
    }

    public AttachmentRejectedException(string message)
        : base(message)
    {
    }

    public AttachmentRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
