namespace DiscussionBot.Core.Documents;

/// <summary>A stored document with its full original text and its segmentation.</summary>
public sealed record SourceDocument(
    DocumentInfo Info,
    string Text,
    IReadOnlyList<Paragraph> Paragraphs,
    IReadOnlyList<Sentence> Sentences)
{
    public IEnumerable<Sentence> QuotableSentences => Sentences.Where(s => s.IsQuotable);

    public Citation CiteSentence(Sentence sentence) =>
        new(Info.Id, Info.Title, sentence.ParagraphNumber, sentence.Ordinal);
}
