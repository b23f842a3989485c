using System.Text;

namespace DiscussionBot.Commands.Rendering;

/// <summary>Text helpers for Discord messages.</summary>
public static class DiscordText
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Escapes Discord markdown so that source text shows exactly as written (an asterisk in an
    /// article must not turn the rest of the quote italic). What readers see stays verbatim.
    /// </summary>
    public static string EscapeMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        bool lineStart = true;
        foreach (char c in text)
        {
            bool inlineMarkup = c is '\\' or '*' or '_' or '~' or '`' or '|';
            bool blockMarkup = lineStart && c is '#' or '>' or '-';
            if (inlineMarkup || blockMarkup)
            {
                builder.Append('\\');
            }

            builder.Append(c);
            lineStart = c == '\n' || (lineStart && c == ' ');
        }

        return builder.ToString();
    }

    /// <summary>Cuts text to at most <paramref name="max"/> characters, ending with an ellipsis when cut, never splitting a surrogate pair.</summary>
    public static string Clip(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        if (max <= Ellipsis.Length)
        {
            return text[..max];
        }

        int cut = max - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }
}
