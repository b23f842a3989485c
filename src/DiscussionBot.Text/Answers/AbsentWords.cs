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
    private readonly WordCheck _modelKnows;
    private readonly WordCheck _writtenAsName;
    private readonly WordCheck _writtenLowerCase;

    /// <param name="words">The query as the ranking read it (its distinct content words and their resolved stems).</param>
    /// <param name="modelKnows">Whether the sentence model reads a lower-case word whole (<see cref="Embeddings.ISentenceEmbedder.KnowsWord"/>).</param>
    /// <param name="writtenAsName">Whether English writes a lower-case word with a capital only (<see cref="EnglishCase.IsName"/> when null).</param>
    /// <param name="writtenLowerCase">Whether English writes it in lower case too (<see cref="EnglishCase.IsWrittenLowerCase"/> when null).</param>
    public AbsentWords(QueryWords words, WordCheck modelKnows, WordCheck? writtenAsName = null, WordCheck? writtenLowerCase = null)
    {
        _query = words.Text;
        _modelKnows = modelKnows;
        _writtenAsName = writtenAsName ?? EnglishCase.IsName;
        _writtenLowerCase = writtenLowerCase ?? EnglishCase.IsWrittenLowerCase;
        Words = words.Absent;
        All = words.Distinct.Count > 0 && Words.Count == words.Distinct.Count;
    }

    /// <summary>The absent words.</summary>
    public IReadOnlyList<Token> Words { get; }

    /// <summary>True when the sources hold none of the query's content words: only the meaning can match.</summary>
    public bool All { get; }

    /// <summary>
    /// An absent word is a name when it is capitalised after the query's first word; when English writes it with a
    /// capital only, however it was typed ("what did putin say": the sentence models read lower case and know "putin"
    /// as well as "crying", so their vocabulary cannot tell); or when neither the sources nor the sentence model know it
    /// and it is no misspelling of a word the model knows (one letter added, dropped, changed or swapped: "requiered"),
    /// so "weather in pyongyang" names a place as surely as "weather in Pyongyang".
    /// </summary>
    public bool HasName() => Words.Any(w => (w.Start > 0 && IsCapitalised(w)) || _writtenAsName(w.Lower) || IsUnknown(w.Lower));

    /// <summary>
    /// Perhaps a name: also a capitalised first word, which may be a name or only the query's opening capital; it is
    /// taken for the capital when English writes the word in lower case ("Crying"), not otherwise ("Gibraltar").
    /// </summary>
    public bool MayHaveName() => HasName() || Words.Any(w => IsCapitalised(w) && !_writtenLowerCase(w.Lower));

    private bool IsCapitalised(Token word) => char.IsLetter(_query[word.Start]) && char.IsUpper(_query[word.Start]);

    private bool IsUnknown(string word) =>
        word.All(c => c is >= 'a' and <= 'z') && !_modelKnows(word) &&
        !(word.Length >= MisspellingMinimumLength && AnyOneEditAway(word, _modelKnows));

    /// <summary>
    /// True when <paramref name="known"/> holds a lower-case word one letter away: dropped, swapped with the next,
    /// changed or added. Each candidate is written into one buffer in turn (about 55 per letter), not allocated.
    /// </summary>
    internal static bool AnyOneEditAway(string word, WordCheck known)
    {
        Span<char> edit = word.Length < 64 ? stackalloc char[word.Length + 1] : new char[word.Length + 1];
        ReadOnlySpan<char> source = word;
        for (int i = 0; i <= word.Length; i++)
        {
            // the letters before i stay; each edit rewrites the rest
            source[..i].CopyTo(edit);
            if (i < word.Length)
            {
                // dropped
                source[(i + 1)..].CopyTo(edit[i..]);
                if (known(edit[..(word.Length - 1)]))
                {
                    return true;
                }
            }

            if (i + 1 < word.Length)
            {
                // swapped with the next
                edit[i] = word[i + 1];
                edit[i + 1] = word[i];
                source[(i + 2)..].CopyTo(edit[(i + 2)..]);
                if (known(edit[..word.Length]))
                {
                    return true;
                }
            }

            for (char c = 'a'; c <= 'z'; c++)
            {
                if (i < word.Length && c != word[i])
                {
                    // changed
                    edit[i] = c;
                    source[(i + 1)..].CopyTo(edit[(i + 1)..]);
                    if (known(edit[..word.Length]))
                    {
                        return true;
                    }
                }

                // added
                edit[i] = c;
                source[i..].CopyTo(edit[(i + 1)..]);
                if (known(edit[..(word.Length + 1)]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>Whether a word (lower case) is in some vocabulary; a span, so candidate spellings need no string each.</summary>
internal delegate bool WordCheck(ReadOnlySpan<char> word);
