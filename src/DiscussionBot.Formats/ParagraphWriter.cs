using System.Text;

namespace DiscussionBot.Formats;

/// <summary>
/// Collects converted text as paragraphs: whitespace inside a paragraph collapses to one space, and paragraphs
/// are separated by a blank line, which is what the segmenter reads as a paragraph break.
/// </summary>
internal sealed class ParagraphWriter
{
    private readonly StringBuilder _text = new();
    private bool _pendingSpace;
    private bool _paragraphOpen;

    public void Append(ReadOnlySpan<char> fragment)
    {
        foreach (char c in fragment)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = _paragraphOpen;
                continue;
            }

            if (!_paragraphOpen && _text.Length > 0)
            {
                _text.Append("\n\n");
            }
            else if (_pendingSpace)
            {
                _text.Append(' ');
            }

            _text.Append(c);
            _paragraphOpen = true;
            _pendingSpace = false;
        }
    }

    /// <summary>Ends the current paragraph; the next text starts a new one. Several breaks in a row count as one.</summary>
    public void Break()
    {
        _paragraphOpen = false;
        _pendingSpace = false;
    }

    public override string ToString() => _text.ToString();
}
