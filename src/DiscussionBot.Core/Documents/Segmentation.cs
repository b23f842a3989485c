namespace DiscussionBot.Core.Documents;

/// <summary>The paragraphs and sentences found in one text, as offsets into it.</summary>
public sealed record Segmentation(IReadOnlyList<Paragraph> Paragraphs, IReadOnlyList<Sentence> Sentences);

/// <summary>Splits a text into paragraphs and sentences, marking page furniture.</summary>
public interface ITextSegmenter
{
    /// <summary>Changes whenever segmentation would give different results, so stored documents are re-segmented.</summary>
    string Version { get; }

    Segmentation Segment(string text);
}
