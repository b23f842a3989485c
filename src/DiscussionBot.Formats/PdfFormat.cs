using DiscussionBot.Core.Ingestion;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;

namespace DiscussionBot.Formats;

/// <summary>
/// A PDF's text layer, page by page: each page is split into text blocks (Docstrum layout analysis), put in
/// reading order, and each block becomes a paragraph whose lines are joined by spaces. The title is the
/// document's Title property when set. A PDF without a text layer (a scan) is refused.
/// </summary>
public sealed class PdfFormat : ISourceFormat
{
    public string Name => "PDF";

    public IReadOnlyList<string> Extensions { get; } = [".pdf"];

    public ConvertedSource Convert(byte[] bytes)
    {
        using PdfDocument pdf = PdfDocument.Open(bytes);
        var writer = new ParagraphWriter();
        var segmenter = new DocstrumBoundingBoxes();
        bool anyText = false;
        foreach (Page page in pdf.GetPages())
        {
            var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
            if (words.Count == 0)
            {
                continue;
            }

            anyText = true;
            IReadOnlyList<TextBlock> blocks = segmenter.GetBlocks(words);
            foreach (TextBlock block in UnsupervisedReadingOrderDetector.Instance.Get(blocks))
            {
                foreach (TextLine line in block.TextLines)
                {
                    writer.Append(line.Text);
                    writer.Append(" ");
                }

                writer.Break();
            }
        }

        if (!anyText)
        {
            throw new FormatException("the PDF has no text layer (a scanned image?), so there is nothing to quote");
        }

        return new ConvertedSource(writer.ToString(), pdf.Information.Title);
    }
}
