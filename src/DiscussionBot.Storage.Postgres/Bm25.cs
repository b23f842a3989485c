using Npgsql;
using NpgsqlTypes;

namespace DiscussionBot.Storage.Postgres;

/// <summary>
/// BM25 (k1 1.2, b 0.75, as SQLite's FTS5 ranks) computed in SQL over PostgreSQL's own text search, in place of
/// <c>ts_rank</c>, which weighs every term alike: a rare word then counts no more than a common one, and quote quality
/// fell behind the SQLite store's. A row's term frequencies come from its <c>tsvector</c> (positions per lexeme), its
/// length is its number of distinct lexemes, and a term's document frequency is counted over the rows matching the
/// query (every row holding a one-word term matches it), so no statistics table has to be kept in step with writes.
/// The collection's size and mean length are read once per store revision.
/// </summary>
internal static class Bm25
{
    /// <summary>How many rows, and their mean length in distinct lexemes.</summary>
    public sealed record Collection(long Count, double MeanLength);

    /// <param name="matched">
    /// A query returning <c>id, ordinal, search, guild_id</c> for every row matching the search (any scope: the
    /// frequencies are the whole collection's); only placeholders, never user text.
    /// </param>
    /// <param name="filter">Further conditions on the scored rows (<c>f.id</c>, <c>f.guild_id</c>), each starting with AND.</param>
    /// <returns>SQL returning <c>id, ordinal, score</c>, best first, at most <c>@limit</c> rows.</returns>
    public static string Sql(string matched, string filter) => $$"""
        WITH query_lexemes AS (
            SELECT array_agg(DISTINCT lexeme) AS wanted
            FROM unnest(@bm25_terms) AS t(term), unnest(tsvector_to_array(to_tsvector('english', t.term))) AS lexeme
        ),
        matched AS ({{matched}}),
        frequencies AS (
            -- only the query's lexemes of each row: marked with weight A, then kept (the rest of a long tsvector is never unnested)
            SELECT m.id, m.ordinal, m.guild_id, length(m.search) AS length, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS tf
            FROM matched m, query_lexemes q, LATERAL unnest(ts_filter(setweight(m.search, 'A', q.wanted), '{a}')) AS u
        ),
        row_frequency AS (SELECT lexeme, count(*) AS n FROM frequencies GROUP BY lexeme)
        SELECT f.id, f.ordinal,
               sum(ln(1 + ((@bm25_count - r.n + 0.5) / (r.n + 0.5))) * f.tf * 2.2
                   / (f.tf + (1.2 * (0.25 + (0.75 * f.length / @bm25_mean_length))))) AS score
        FROM frequencies f JOIN row_frequency r USING (lexeme)
        WHERE true {{filter}}
        GROUP BY f.id, f.ordinal
        ORDER BY score DESC, f.id, f.ordinal
        LIMIT @limit
        """;

    public static void AddParameters(NpgsqlCommand command, IReadOnlyList<string> terms, Collection collection)
    {
        command.Parameters.Add(new NpgsqlParameter("bm25_terms", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = terms.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("bm25_count", NpgsqlDbType.Double) { Value = (double)collection.Count });
        command.Parameters.Add(new NpgsqlParameter("bm25_mean_length", NpgsqlDbType.Double) { Value = collection.MeanLength });
    }
}
