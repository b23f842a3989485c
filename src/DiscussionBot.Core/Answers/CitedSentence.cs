using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Answers;

/// <summary>A verbatim sentence of a source with its citation. <see cref="Text"/> is never rewritten.</summary>
public sealed record CitedSentence(Citation Citation, string Text)
{
    /// <summary>
    /// Where the quote shown to a reader starts in <see cref="Text"/>: after an opening connective ("However, ") when
    /// the answer does not show the sentence it points back to, so the quote does not contrast with nothing; 0 shows
    /// the whole sentence. The shown part is still a verbatim span of the source.
    /// </summary>
    public int ShownFrom { get; init; }

    /// <summary>The verbatim span a reader is shown.</summary>
    public string Shown => ShownFrom <= 0 || ShownFrom >= Text.Length ? Text : Text[ShownFrom..];
}
