using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Rendering;

/// <summary>Source titles as one embed field value: quoted, escaped, and "and N more" when they do not all fit.</summary>
public static class TitleList
{
    public static string Format(IReadOnlyList<string> titles, int reserve = 0)
    {
        var shown = new List<string>();
        int length = 0;
        foreach (string title in titles)
        {
            string item = "“" + DiscordText.EscapeMarkdown(DiscordText.Clip(title, 80)) + "”";
            if (length + item.Length + 2 > DiscordLimits.EmbedFieldValueLength - 24 - reserve)
            {
                break;
            }

            shown.Add(item);
            length += item.Length + 2;
        }

        int rest = titles.Count - shown.Count;
        return string.Join(", ", shown) + (rest > 0 ? $" and {rest} more" : string.Empty);
    }
}
