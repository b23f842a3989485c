using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.Options;

namespace DiscussionBot.LocalConsole;

/// <summary>
/// The console's attachments are files on this machine: the console is a local server whose user is a moderator,
/// and <c>/source add file:&lt;path&gt;</c> attaches that file. Only <c>file:</c> URLs, which only the console's
/// interactions carry; registered for the console and <c>ask</c>, never in live mode (which downloads from Discord).
/// </summary>
public sealed class LocalFileAttachments(IOptions<GuildSourceLimits> limits) : IAttachmentDownloader
{
    private readonly int _maxBytes = limits.Value.MaxFileBytes;

    public async Task<byte[]> DownloadAsync(Uri url, long? declaredSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsFile)
        {
            throw new AttachmentRejectedException("in the console, give a file on this machine: /source add file:<path>.");
        }

        var file = new FileInfo(url.LocalPath);
        if (!file.Exists)
        {
            throw new AttachmentRejectedException($"there is no file at {file.FullName}.");
        }

        if (file.Length > _maxBytes)
        {
            throw new AttachmentRejectedException($"the file is {file.Length:N0} bytes; a server's documents may be at most {_maxBytes:N0} bytes each (Sources:MaxFileBytes).");
        }

        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AttachmentRejectedException($"the file cannot be read ({ex.GetType().Name}).", ex);
        }
    }
}
