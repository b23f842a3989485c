namespace DiscussionBot.Core.Documents;

/// <summary>Finds a document by what a member typed: its id, exact title, or an unambiguous part of the title.</summary>
public static class DocumentTitles
{
    public static DocumentInfo? Resolve(IReadOnlyList<DocumentInfo> documents, string typed)
    {
        string wanted = typed.Trim();
        if (wanted.Length == 0)
        {
            return null;
        }

        if (long.TryParse(wanted, out long id))
        {
            DocumentInfo? byId = documents.FirstOrDefault(d => d.Id == id);
            if (byId is not null)
            {
                return byId;
            }
        }

        DocumentInfo? exact = documents.FirstOrDefault(d =>
            string.Equals(d.Title, wanted, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(d.SourceName, wanted, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        // Autocomplete may send a title cut short; accept a prefix or fragment only when it names one document.
        var partial = documents
            .Where(d => d.Title.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            .Take(2)
            .ToList();
        return partial.Count == 1 ? partial[0] : null;
    }

    /// <summary>Titles that match what is being typed, best first, for autocomplete.</summary>
    public static IEnumerable<DocumentInfo> Suggest(IReadOnlyList<DocumentInfo> documents, string typed)
    {
        string wanted = typed.Trim();
        if (wanted.Length == 0)
        {
            return documents.OrderBy(d => d.Title, StringComparer.OrdinalIgnoreCase);
        }

        return documents
            .Select(d => (Doc: d, Rank: RankMatch(d.Title, wanted)))
            .Where(x => x.Rank >= 0)
            .OrderBy(x => x.Rank)
            .ThenBy(x => x.Doc.Title, StringComparer.OrdinalIgnoreCase)
            .Select(x => x.Doc);
    }

    private static int RankMatch(string title, string wanted)
    {
        if (title.StartsWith(wanted, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        int index = title.IndexOf(wanted, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
        {
            return -1;
        }

        // A match at a word start reads as intended more often than one inside a word.
        return index > 0 && !char.IsLetterOrDigit(title[index - 1]) ? 1 : 2;
    }
}
