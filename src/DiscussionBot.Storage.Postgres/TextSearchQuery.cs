using Npgsql;

namespace DiscussionBot.Storage.Postgres;

/// <summary>
/// A PostgreSQL text-search query from plain terms: each term is one parameter given to <c>plainto_tsquery</c>, and the
/// terms are OR-ed, so user text is never read as tsquery syntax and never spliced into SQL (only placeholders are).
/// </summary>
internal static class TextSearchQuery
{
    public const int MaxTerms = 64;

    /// <summary>The SQL expression of the query, with its parameters added to <paramref name="command"/>; null when no term is usable.</summary>
    public static string? Build(NpgsqlCommand command, IEnumerable<string> terms)
    {
        var parts = new List<string>();
        foreach (string raw in terms)
        {
            string term = raw.Trim();
            if (term.Length == 0 || !term.Any(char.IsLetterOrDigit))
            {
                continue;
            }

            string name = $"term{parts.Count}";
            command.Parameters.AddWithValue(name, term);
            parts.Add($"plainto_tsquery('english', @{name})");
            if (parts.Count == MaxTerms)
            {
                break;
            }
        }

        return parts.Count == 0 ? null : "(" + string.Join(" || ", parts) + ")";
    }
}
