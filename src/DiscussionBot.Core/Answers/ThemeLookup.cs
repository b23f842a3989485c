namespace DiscussionBot.Core.Answers;

/// <summary>Finds the theme a member means by name: exact label first, then a label or key term containing the words.</summary>
public static class ThemeLookup
{
    public static Theme? Find(IReadOnlyList<Theme> themes, string typed)
    {
        string wanted = typed.Trim();
        if (wanted.Length == 0)
        {
            return null;
        }

        return themes.FirstOrDefault(t => string.Equals(t.Label, wanted, StringComparison.OrdinalIgnoreCase))
            ?? themes.FirstOrDefault(t => t.Label.Contains(wanted, StringComparison.OrdinalIgnoreCase))
            ?? themes.FirstOrDefault(t => t.KeyTerms.Any(k => string.Equals(k, wanted, StringComparison.OrdinalIgnoreCase)))
            ?? themes.FirstOrDefault(t => t.KeyTerms.Any(k => k.Contains(wanted, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Theme labels matching what is being typed, for autocomplete.</summary>
    public static IEnumerable<Theme> Suggest(IReadOnlyList<Theme> themes, string typed)
    {
        string wanted = typed.Trim();
        return wanted.Length == 0
            ? themes
            : themes.Where(t => t.Label.Contains(wanted, StringComparison.OrdinalIgnoreCase) ||
                                t.KeyTerms.Any(k => k.Contains(wanted, StringComparison.OrdinalIgnoreCase)));
    }
}
