namespace DiscussionBot.Core.Ingestion;

/// <summary>A source read from disk and checked to be usable text, before segmentation.</summary>
/// <param name="SourceName">The key under which the document is stored (the file name).</param>
public sealed record IncomingDocument(string SourceName, string Title, string Text, string ContentHash);
