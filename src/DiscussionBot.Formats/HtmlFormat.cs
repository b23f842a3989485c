using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Formats;

/// <summary>
/// An HTML page's main text and title. The main text is the largest <c>article</c>, else <c>main</c>, else the body,
/// without scripts, navigation, asides, forms, figures and page headers or footers; block elements become
/// paragraphs. The title is the main text's first <c>h1</c>, else <c>og:title</c>, else <c>&lt;title&gt;</c>.
/// Broken markup is repaired the way browsers do (HTML5 parsing rules).
/// </summary>
public sealed class HtmlFormat : ISourceFormat
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "svg", "button", "select",
        "textarea", "footer", "figure", "object", "canvas", "video", "audio", "head", "menu", "dialog",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption", "address", "hr", "br",
        "figcaption", "details", "summary", "center",
    };

    public string Name => "HTML";

    public IReadOnlyList<string> Extensions { get; } = [".html", ".htm", ".xhtml"];

    public ConvertedSource Convert(byte[] bytes)
    {
        var parser = new HtmlParser();
        string? utf8 = TextDecoding.TryUtf8(bytes);
        // Valid UTF-8 is taken as such; anything else is left to the parser, which reads the page's declared charset.
        using IHtmlDocument document = utf8 is not null ? parser.ParseDocument(utf8) : parser.ParseDocument(new MemoryStream(bytes));
        IElement root = MainElement(document);
        var writer = new ParagraphWriter();
        Write(root, writer);
        return new ConvertedSource(writer.ToString(), Title(document, root));
    }

    private static IElement MainElement(IHtmlDocument document)
    {
        IElement? article = document.QuerySelectorAll("article")
            .Where(a => !IsHidden(a))
            .MaxBy(a => a.TextContent.Length);
        return article
               ?? document.QuerySelector("main")
               ?? document.QuerySelector("[role=main]")
               ?? (IElement?)document.Body
               ?? document.DocumentElement;
    }

    private static string? Title(IHtmlDocument document, IElement root)
    {
        string? heading = root.QuerySelector("h1")?.TextContent;
        string? openGraph = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content");
        return new[] { heading, openGraph, document.Title }
            .Select(Collapse)
            .FirstOrDefault(t => t.Length > 0);
    }

    private static void Write(INode node, ParagraphWriter writer)
    {
        foreach (INode child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    writer.Append(text.Data);
                    break;
                case IElement element when !IsSkipped(element):
                    bool block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        writer.Break();
                    }

                    Write(element, writer);
                    if (block)
                    {
                        writer.Break();
                    }

                    break;
            }
        }
    }

    /// <summary>A page header (site name, menus) is furniture; an article's own header with its headline is not.</summary>
    private static bool IsSkipped(IElement element) =>
        Skipped.Contains(element.LocalName) ||
        IsHidden(element) ||
        (element.LocalName == "header" && element.QuerySelector("h1") is null);

    private static bool IsHidden(IElement element) =>
        element.HasAttribute("hidden") ||
        string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase);

    private static string Collapse(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var writer = new ParagraphWriter();
        writer.Append(text);
        return writer.ToString();
    }
}
