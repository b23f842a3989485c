using DiscussionBot.Core.Answers;

namespace DiscussionBot.Commands.Rendering;

/// <summary>How a cited sentence is shown: the verbatim text, then its citation in italics.</summary>
public static class CitationText
{
    public static string Format(CitedSentence sentence, bool withTitle) =>
        withTitle
            ? $"{DiscordText.EscapeMarkdown(sentence.Text)} *({DiscordText.EscapeMarkdown(DiscordText.Clip(sentence.Citation.DocumentTitle, 80))}, {sentence.Citation.ParagraphMark})*"
            : $"{DiscordText.EscapeMarkdown(sentence.Text)} *({sentence.Citation.ParagraphMark})*";

    /// <summary>Joins formatted sentences into a description, stopping before the limit rather than cutting a quote.</summary>
    public static string JoinWithin(IEnumerable<string> lines, int limit, out int omitted)
    {
        var kept = new List<string>();
        int used = 0;
        omitted = 0;
        foreach (string line in lines)
        {
            int cost = line.Length + (kept.Count > 0 ? 2 : 0);
            if (used + cost > limit)
            {
                omitted++;
                continue;
            }

            kept.Add(line);
            used += cost;
        }

        return string.Join("\n\n", kept);
    }
}
