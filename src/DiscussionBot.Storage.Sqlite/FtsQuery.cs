using System.Text;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>
/// Builds an FTS5 MATCH expression from plain terms. Every term becomes a quoted string with its
/// own quotes doubled, so no user text is ever read as FTS5 syntax (operators, columns, NEAR, *).
/// </summary>
internal static class FtsQuery
{
    public const int MaxTerms = 64;

    public static string? FromTerms(IEnumerable<string> terms)
    {
        var builder = new StringBuilder();
        int count = 0;
        foreach (string raw in terms)
        {
            string term = raw.Trim();
            if (term.Length == 0 || !term.Any(char.IsLetterOrDigit))
            {
                continue;
            }

            if (count > 0)
            {
                builder.Append(" OR ");
            }

            builder.Append('"').Append(term.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (++count == MaxTerms)
            {
                break;
            }
        }

        return count == 0 ? null : builder.ToString();
    }
}
