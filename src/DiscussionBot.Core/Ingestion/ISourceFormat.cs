namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// Turns a file in one format (HTML, Markdown, PDF) into the plain text that is stored, segmented and cited.
/// Conversion happens before segmentation, so every quote is a verbatim span of the converted text.
/// Implementations must be safe to call concurrently.
/// </summary>
public interface ISourceFormat
{
    /// <summary>Shown in messages, e.g. "HTML".</summary>
    string Name { get; }

    /// <summary>File extensions handled, lower case with the dot, e.g. ".html".</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// Converts a file's bytes. A <see cref="FormatException"/>'s message is shown to the user as the reason the
    /// file was refused; any other exception from the parser is reported as an unreadable file.
    /// </summary>
    ConvertedSource Convert(byte[] bytes);
}

/// <summary>A converted document: paragraphs separated by blank lines, and the title the format declares, if any.</summary>
public sealed record ConvertedSource(string Text, string? Title);
