namespace DiscussionBot.Core.Documents;

/// <summary>
/// Which documents a request may see: the operator's documents (seeds and the ingest verb) always, plus those a
/// server added when the request comes from that server. A DM sees the operator's documents only.
/// </summary>
/// <param name="GuildId">The server the request comes from, or null for a DM (and for the operator's own tools).</param>
public sealed record DocumentScope(ulong? GuildId)
{
    /// <summary>The operator's documents only: what a DM sees.</summary>
    public static DocumentScope OperatorOnly { get; } = new((ulong?)null);

    public static DocumentScope ForGuild(ulong guildId) => new(guildId);

    public bool Includes(DocumentInfo document) => document.GuildId is null || document.GuildId == GuildId;
}

/// <summary>Who added a server's document from Discord, and from where; recorded with the document.</summary>
/// <param name="Origin">A link to the message, or the attachment's file name.</param>
public sealed record DocumentOwner(ulong GuildId, ulong UserId, string UserName, string? Origin);
