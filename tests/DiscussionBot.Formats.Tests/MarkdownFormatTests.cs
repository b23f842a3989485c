using System.Text;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Formats.Tests;

public sealed class MarkdownFormatTests
{
    private readonly MarkdownFormat _format = new();

    [Fact]
    public void Convert_Document_HeadingsBecomeParagraphsMarkupRemoved()
    {
        const string Markdown = """
            # Grain deal extended

            Ministers *agreed* on Friday to extend the [grain deal](https://example.org) by
            four months.

            ## Reactions

            > Farmers welcomed the news.

            - Prices fell.
            - Ships resumed sailing.

            ```
            code is left out
            ```

            ![chart](chart.png) Exports rose by `12%`.
            """;

        ConvertedSource converted = _format.Convert(Encoding.UTF8.GetBytes(Markdown));

        Assert.Equal("Grain deal extended", converted.Title);
        Assert.Equal(
            "Grain deal extended\n\nMinisters agreed on Friday to extend the grain deal by four months.\n\nReactions\n\n" +
            "Farmers welcomed the news.\n\nPrices fell.\n\nShips resumed sailing.\n\nExports rose by 12%.",
            converted.Text);
    }

    [Fact]
    public void Convert_NoLevelOneHeading_NoTitle()
    {
        Assert.Null(_format.Convert(Encoding.UTF8.GetBytes("## Section\n\nText.")).Title);
    }

    [Fact]
    public void Convert_NotUtf8_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => _format.Convert([0x63, 0x61, 0x66, 0xE9]));
    }
}
