namespace DiscussionBot.Core.Documents;

/// <summary>A paragraph of a source: a character span of its original text.</summary>
/// <param name="Number">1-based, as cited to readers (¶1 is the first paragraph).</param>
public sealed record Paragraph(int Number, int Start, int Length, bool IsFurniture)
{
    public int End => Start + Length;
}
