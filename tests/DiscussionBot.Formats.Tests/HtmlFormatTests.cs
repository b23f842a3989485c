using System.Text;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Formats.Tests;

public sealed class HtmlFormatTests
{
    private readonly HtmlFormat _format = new();

    [Fact]
    public void Convert_NewsPage_KeepsArticleTextAndHeadlineDropsPageFurniture()
    {
        const string Html = """
            <!doctype html><html><head><title>Headline - The Daily Site</title>
            <style>p { color: red }</style><script>var tracking = 1;</script></head>
            <body>
              <header><a href="/">The Daily Site</a><nav><a href="/world">World</a></nav></header>
              <article>
                <h1>Headline</h1>
                <p>First   paragraph of the
                story, with <em>emphasis</em> and a <a href="/x">link</a>.</p>
                <figure><img src="a.jpg"><figcaption>Photo: agency</figcaption></figure>
                <p>Second paragraph.<br>After a break.</p>
                <ul><li>One point.</li><li>Another point.</li></ul>
              </article>
              <aside>Most read: something else</aside>
              <footer>Copyright</footer>
            </body></html>
            """;

        ConvertedSource converted = _format.Convert(Encoding.UTF8.GetBytes(Html));

        Assert.Equal("Headline", converted.Title);
        Assert.Equal(
            "Headline\n\nFirst paragraph of the story, with emphasis and a link.\n\nSecond paragraph.\n\nAfter a break.\n\nOne point.\n\nAnother point.",
            converted.Text);
    }

    [Fact]
    public void Convert_BrokenMarkup_RepairsAndKeepsText()
    {
        const string Html = "<html><body><p>Unclosed paragraph <b>bold<p>Next one</i> ends</div></body>";

        ConvertedSource converted = _format.Convert(Encoding.UTF8.GetBytes(Html));

        Assert.Equal("Unclosed paragraph bold\n\nNext one ends", converted.Text);
    }

    [Fact]
    public void Convert_NoArticleElement_UsesBodyAndTitleElement()
    {
        const string Html = "<title> Council &amp; bridge </title><div>The council approved a bridge.</div><script>x()</script>";

        ConvertedSource converted = _format.Convert(Encoding.UTF8.GetBytes(Html));

        Assert.Equal("Council & bridge", converted.Title);
        Assert.Equal("The council approved a bridge.", converted.Text);
    }

    [Fact]
    public void Convert_DeclaredLatin1Page_DecodesByCharset()
    {
        byte[] bytes = Encoding.Latin1.GetBytes("<meta charset=\"iso-8859-1\"><p>Caf\u00e9 noir.</p>");

        Assert.Equal("Café noir.", _format.Convert(bytes).Text);
    }

    [Fact]
    public void Convert_OnlyScriptsAndNavigation_GivesNoText()
    {
        ConvertedSource converted = _format.Convert(Encoding.UTF8.GetBytes("<nav>Home</nav><script>go()</script>"));

        Assert.Equal(string.Empty, converted.Text);
    }
}
