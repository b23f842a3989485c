using System.ComponentModel.DataAnnotations;

namespace DiscussionBot.Core.Ingestion;

/// <summary>What one server may add from Discord. Bound from the <c>Sources</c> configuration section.</summary>
public sealed class GuildSourceLimits
{
    public const string SectionName = "Sources";

    [Range(1, 100_000)]
    public int MaxDocumentsPerGuild { get; set; } = 200;

    /// <summary>Characters of stored (converted) text across all of a server's documents.</summary>
    [Range(1, long.MaxValue)]
    public long MaxCharactersPerGuild { get; set; } = 20_000_000;

    /// <summary>The largest attachment downloaded, before conversion.</summary>
    [Range(1, SourceFileReader.MaxFileBytes)]
    public int MaxFileBytes { get; set; } = 4 * 1024 * 1024;
}

/// <summary>A server's document was refused because a limit would be exceeded; the message names the limit.</summary>
public sealed class SourceLimitException : Exception
{
    public SourceLimitException()
    {
    }

    public SourceLimitException(string message)
        : base(message)
    {
    }

    public SourceLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
