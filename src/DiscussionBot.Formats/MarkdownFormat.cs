using DiscussionBot.Core.Ingestion;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DiscussionBot.Formats;

/// <summary>
/// Markdown as plain text: every heading, paragraph, list item and quoted paragraph is its own paragraph, with
/// the markup removed (link text kept, images and raw HTML dropped). Code blocks are left out: they are not
/// prose to summarise or quote. The title is the first level-1 heading.
/// </summary>
public sealed class MarkdownFormat : ISourceFormat
{
    public string Name => "Markdown";

    public IReadOnlyList<string> Extensions { get; } = [".md", ".markdown"];

    public ConvertedSource Convert(byte[] bytes)
    {
        string markdown = TextDecoding.TryUtf8(bytes) ?? throw new FormatException("not UTF-8 text");
        MarkdownDocument document = Markdown.Parse(markdown);
        var writer = new ParagraphWriter();
        string? title = null;
        foreach (Block block in document)
        {
            WriteBlock(block, writer, ref title);
        }

        return new ConvertedSource(writer.ToString(), title);
    }

    private static void WriteBlock(Block block, ParagraphWriter writer, ref string? title)
    {
        switch (block)
        {
            case HeadingBlock heading:
                writer.Break();
                if (title is null && heading.Level == 1 && heading.Inline is not null)
                {
                    var titleWriter = new ParagraphWriter();
                    WriteInlines(heading.Inline, titleWriter);
                    title = titleWriter.ToString();
                }

                WriteLeaf(heading, writer);
                break;
            case ParagraphBlock paragraph:
                WriteLeaf(paragraph, writer);
                break;
            case ContainerBlock container:
                foreach (Block child in container)
                {
                    WriteBlock(child, writer, ref title);
                }

                break;

            // Code, raw HTML and thematic breaks carry no prose.
        }
    }

    private static void WriteLeaf(LeafBlock block, ParagraphWriter writer)
    {
        writer.Break();
        if (block.Inline is not null)
        {
            WriteInlines(block.Inline, writer);
        }

        writer.Break();
    }

    private static void WriteInlines(ContainerInline container, ParagraphWriter writer)
    {
        foreach (Inline inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    writer.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    writer.Append(code.Content);
                    break;
                case LineBreakInline:
                    writer.Append(" ");
                    break;
                case AutolinkInline link:
                    writer.Append(link.Url);
                    break;
                case HtmlEntityInline entity:
                    writer.Append(entity.Transcoded.AsSpan());
                    break;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline nested:
                    WriteInlines(nested, writer);
                    break;
            }
        }
    }
}
