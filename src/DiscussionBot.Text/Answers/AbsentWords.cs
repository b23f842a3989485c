using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// The query's content words that no quotable sentence holds in any spelling (<see cref="QueryTerms"/>), and which of
/// them name something. A name the sources never write cannot be answered by a passage only loosely like the query
/// ("what did Putin say"); a common word they never write may still be matched in meaning ("crying": a wailing crowd).
/// </summary>
internal sealed class AbsentWords
{
    // shorter words are too often one letter away from an unrelated known word to be read as its misspelling
    private const int MisspellingMinimumLength = 5;

    private readonly string _query;
    private readonly Func<string, bool> _modelKnows;

    /// <param name="query">The query as tokenised (the tokens' positions index it).</param>
    /// <param name="content">Its content words, as ranked.</param>
    /// <param name="stems">Their stems resolved against the snapshot, one per distinct stem in order of first use.</param>
    /// <param name="modelKnows">Whether the sentence model reads a lower-case word whole (<see cref="Embeddings.ISentenceEmbedder.KnowsWord"/>).</param>
    public AbsentWords(string query, IReadOnlyList<Token> content, IReadOnlyList<WeightedStem> stems, Func<string, bool> modelKnows)
    {
        _query = query;
        _modelKnows = modelKnows;
        var distinct = content.DistinctBy(t => t.Stem, StringComparer.Ordinal).ToList();
        Words = distinct.Zip(stems).Where(p => p.Second.Id < 0 && p.Second.OtherSpellings is null).Select(p => p.First).ToList();
        All = distinct.Count > 0 && Words.Count == distinct.Count;
    }

    /// <summary>The absent words.</summary>
    public IReadOnlyList<Token> Words { get; }

    /// <summary>True when the sources hold none of the query's content words: only the meaning can match.</summary>
    public bool All { get; }

    /// <summary>
    /// An absent word is a name when it is capitalised after the query's first word, or when neither the sources nor
    /// the sentence model know it and it is no misspelling of a word the model knows (one letter added, dropped,
    /// changed or swapped: "requiered"), so "weather in pyongyang" names a place as surely as "weather in Pyongyang".
    /// </summary>
    public bool HasName() => Words.Any(w => (w.Start > 0 && IsCapitalised(w)) || IsUnknown(w.Lower));

    /// <summary>
    /// Perhaps a name: also a capitalised first word, which may be a name ("Gibraltar") or only a sentence's capital.
    /// </summary>
    public bool MayHaveName() => HasName() || Words.Any(IsCapitalised);

    private bool IsCapitalised(Token word) => char.IsLetter(_query[word.Start]) && char.IsUpper(_query[word.Start]);

    private bool IsUnknown(string word) =>
        word.All(c => c is >= 'a' and <= 'z') && !_modelKnows(word) &&
        !(word.Length >= MisspellingMinimumLength && OneEditAway(word).Any(_modelKnows));

    /// <summary>Every lower-case word one letter away: dropped, swapped with the next, changed or added.</summary>
    private static IEnumerable<string> OneEditAway(string word)
    {
        for (int i = 0; i <= word.Length; i++)
        {
            if (i < word.Length)
            {
                yield return word[..i] + word[(i + 1)..];
            }

            if (i + 1 < word.Length)
            {
                yield return word[..i] + word[i + 1] + word[i] + word[(i + 2)..];
            }

            for (char c = 'a'; c <= 'z'; c++)
            {
                if (i < word.Length && c != word[i])
                {
                    yield return word[..i] + c + word[(i + 1)..];
                }

                yield return word[..i] + c + word[i..];
            }
        }
    }
}
