using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// A query read once against a snapshot: its tokens, the content words that search and count toward coverage (stop
/// words, one-letter words and question cues such as "many" in "how many" left out), and those words resolved to the
/// snapshot's stems (<see cref="QueryTerms"/>). The ranking and the verdict's absent-name rule both read it, so a
/// /quote tokenises and resolves its query once.
/// </summary>
/// <param name="Text">The query as ranked (trimmed by the caller).</param>
/// <param name="Content">The words that search and weigh, in query order (repeats kept: adjacency matters to <see cref="QueryTerms"/>).</param>
/// <param name="Distinct">The first content word of each distinct stem, in query order: <paramref name="Stems"/>[i] resolves Distinct[i].</param>
/// <param name="Stems">One weighted stem per distinct content stem, in the order of their first occurrence.</param>
/// <param name="ExtraSearchTerms">Other forms of the words the full-text search also looks for (split or joined spellings).</param>
internal sealed record QueryWords(string Text, List<Token> Tokens, List<Token> Content, List<Token> Distinct, List<WeightedStem> Stems, List<string> ExtraSearchTerms)
{
    /// <summary>The distinct content words no quotable sentence holds in any spelling.</summary>
    public List<Token> Absent { get; } = [.. Distinct.Where((_, i) => Stems[i].Id < 0 && Stems[i].OtherSpellings is null)];

    public static QueryWords Read(CorpusSnapshot snapshot, string query)
    {
        List<Token> tokens = Tokenizer.Tokenize(query);
        var content = tokens.Where((t, i) => !t.IsStopWord && t.Lower.Length > 1 && !QuestionCues.IsCueWord(tokens, i)).ToList();
        List<Token> distinct = QueryTerms.DistinctWords(content);
        (List<WeightedStem> stems, List<string> extra) = QueryTerms.Resolve(snapshot.Terms, snapshot.Rows.Length, content, distinct);
        return new QueryWords(query, tokens, content, distinct, stems, extra);
    }
}
