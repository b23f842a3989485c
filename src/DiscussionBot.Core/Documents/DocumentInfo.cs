namespace DiscussionBot.Core.Documents;

/// <summary>What the store knows about one ingested source document.</summary>
/// <param name="Id">Store identity; stable across updates of the same source name.</param>
/// <param name="SourceName">The document's key (see <see cref="Ingestion.SourceFile.Key"/>); the key for updates.</param>
/// <param name="Title">A human title (from the seed's metadata, or derived from the text).</param>
/// <param name="ContentHash">SHA-256 of the text as stored, hex; tells whether a source changed.</param>
public sealed record DocumentInfo(
    long Id,
    string SourceName,
    string Title,
    string ContentHash,
    int CharacterCount,
    int ParagraphCount,
    int SentenceCount,
    DateTimeOffset IngestedAt)
{
    /// <summary>The server that added it from Discord, or null for the operator's documents (seeds, the ingest verb).</summary>
    public ulong? GuildId { get; init; }

    /// <summary>Who added it from Discord, and from where; null for the operator's documents.</summary>
    public DocumentOwner? Owner { get; init; }

    /// <summary>
    /// True when its sentences have vectors (embedding mode). False in lexical mode, and while a document added in
    /// embedding mode waits for its vectors (see <see cref="Ingestion.DeferredAnalysis"/>).
    /// </summary>
    public bool HasVectors { get; init; }
}
