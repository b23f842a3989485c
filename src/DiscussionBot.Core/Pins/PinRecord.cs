namespace DiscussionBot.Core.Pins;

/// <summary>A summary the bot pinned for a moderator, with the sources it was drawn from as they were then.</summary>
/// <param name="Scope">What was summarised: a document title, or "all sources".</param>
public sealed record PinRecord(
    ulong GuildId,
    ulong ChannelId,
    ulong MessageId,
    ulong ModeratorId,
    string ModeratorName,
    string Scope,
    string Length,
    IReadOnlyList<PinnedSource> Sources,
    DateTimeOffset PinnedAt);

/// <summary>A source a pinned summary quotes, with its content hash at pin time.</summary>
public sealed record PinnedSource(long DocumentId, string Title, string ContentHash);

/// <summary>The record of the bot's pins, kept so moderators can see them and know when one went stale.</summary>
public interface IPinLedger
{
    Task RecordAsync(PinRecord pin, CancellationToken cancellationToken);

    /// <summary>The guild's pins, newest first.</summary>
    Task<IReadOnlyList<PinRecord>> ListAsync(ulong guildId, int limit, CancellationToken cancellationToken);
}
