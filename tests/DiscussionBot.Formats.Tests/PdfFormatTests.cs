using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Formats.Tests;

public sealed class PdfFormatTests
{
    private readonly PdfFormat _format = new();

    [Fact]
    public void Convert_TwoPages_TextPageByPageWithTitle()
    {
        byte[] pdf = PdfFixtures.WithPages(
            "Annual report",
            ["The harvest was early this year.", "Rain came late in the season."],
            ["Exports rose by a tenth."]);

        ConvertedSource converted = _format.Convert(pdf);

        Assert.Equal("Annual report", converted.Title);
        int first = converted.Text.IndexOf("harvest was early", StringComparison.Ordinal);
        int second = converted.Text.IndexOf("Exports rose", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, converted.Text);
        Assert.Contains("\n\nExports rose by a tenth.", converted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_PageWithoutTextLayer_ThrowsFormatExceptionSayingSo()
    {
        var error = Assert.Throws<FormatException>(() => _format.Convert(PdfFixtures.WithoutText()));

        Assert.Contains("no text layer", error.Message, StringComparison.Ordinal);
    }
}
