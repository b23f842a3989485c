using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DiscussionBot.Formats.Tests;

/// <summary>Small PDFs generated on the fly, so no binary fixture is committed.</summary>
internal static class PdfFixtures
{
    /// <summary>One page per entry; each page holds its lines, top to bottom.</summary>
    public static byte[] WithPages(string? title, params string[][] pages)
    {
        var builder = new PdfDocumentBuilder();
        if (title is not null)
        {
            builder.DocumentInformation.Title = title;
        }

        PdfDocumentBuilder.AddedFont font = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (string[] lines in pages)
        {
            PdfPageBuilder page = builder.AddPage(PageSize.A4);
            double y = 780;
            foreach (string line in lines)
            {
                page.AddText(line, 11, new PdfPoint(60, y), font);
                y -= 14;
            }
        }

        return builder.Build();
    }

    /// <summary>A page with only a drawing on it, like a scan without a text layer.</summary>
    public static byte[] WithoutText()
    {
        var builder = new PdfDocumentBuilder();
        PdfPageBuilder page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 300);
        return builder.Build();
    }
}
