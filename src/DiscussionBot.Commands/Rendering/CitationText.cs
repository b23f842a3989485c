using DiscussionBot.Core.Answers;

namespace DiscussionBot.Commands.Rendering;

/// <summary>How a cited sentence is shown: the verbatim text, then its citation in italics.</summary>
public static class CitationText
{
    /// <summary>The quote (marked "…" when it starts after an opening connective), then its citation.</summary>
    public static string Format(CitedSentence sentence, bool withTitle) =>
        withTitle
            ? $"{Quote(sentence)} *({DiscordText.EscapeMarkdown(DiscordText.Clip(sentence.Citation.DocumentTitle, 80))}, {sentence.Citation.ParagraphMark})*"
            : $"{Quote(sentence)} *({sentence.Citation.ParagraphMark})*";

    private static string Quote(CitedSentence sentence) =>
        (sentence.Shown.Length < sentence.Text.Length ? "…" : string.Empty) + DiscordText.EscapeMarkdown(sentence.Shown);

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
