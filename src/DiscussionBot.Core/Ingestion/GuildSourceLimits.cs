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

    /// <summary>Refuses a change that would take a server from <paramref name="before"/> to <paramref name="after"/> over a limit.</summary>
    /// <remarks>Only growth is refused: a server already over a lowered limit may still replace or shrink its documents.</remarks>
    /// <exception cref="SourceLimitException">The message names the limit.</exception>
    public void Check(GuildUsage before, GuildUsage after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.Documents > before.Documents && after.Documents > MaxDocumentsPerGuild)
        {
            throw new SourceLimitException(before.Documents >= MaxDocumentsPerGuild
                ? $"this server already has {before.Documents} documents, its limit (Sources:MaxDocumentsPerGuild)."
                : $"this server would have {after.Documents} documents, over its limit of {MaxDocumentsPerGuild} (Sources:MaxDocumentsPerGuild).");
        }

        if (after.Characters > before.Characters && after.Characters > MaxCharactersPerGuild)
        {
            throw new SourceLimitException(
                $"this server's documents would hold {after.Characters:N0} characters of text, over its limit of {MaxCharactersPerGuild:N0} (Sources:MaxCharactersPerGuild).");
        }
    }
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
