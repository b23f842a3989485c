namespace DiscussionBot.Core.Ingestion;

/// <summary>A source read from disk and checked to be usable text, before segmentation.</summary>
/// <param name="SourceName">
/// The document's key: what identifies it across runs (see <see cref="SourceFile.Key"/>). A later source with
/// the same key updates it; a source with another key is another document, whatever its file name.
/// </param>
/// <param name="Text">The text as stored: for HTML, Markdown and PDF the converted plain text, which citations point into.</param>
public sealed record IncomingDocument(string SourceName, string Title, string Text, string ContentHash)
{
    /// <summary>The server member who added it from Discord; null for the operator's documents.</summary>
    public Documents.DocumentOwner? Owner { get; init; }
}
