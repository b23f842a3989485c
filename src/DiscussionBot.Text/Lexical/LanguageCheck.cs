using System.Collections.Frozen;
using System.Globalization;

namespace DiscussionBot.Text.Lexical;

/// <summary>
/// Tells whether a query is written in a language the sources are not written in: by writing system
/// (a Cyrillic query against Latin-script sources), and for Latin-script text by function words (a French
/// or German question against English sources). Meant for refusing politely, so it only says "other" when sure.
/// </summary>
internal static class LanguageCheck
{
    // the commonest function words of the Latin-script languages a member is likeliest to write in; none is an English word
    private static readonly FrozenSet<string> OtherFunctionWords = FrozenSet.ToFrozenSet(
    [
        "le", "la", "les", "des", "du", "une", "est", "et", "dans", "pour", "qui", "que", "quoi", "pourquoi", "comment", "avec", "sur", "pas", "où", "quel", "quelle",
        "der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "wer", "wie", "warum", "wann", "wo", "was", "welche", "den", "dem", "auf", "für",
        "el", "los", "las", "y", "es", "del", "con", "por", "qué", "quién", "cómo", "cuándo", "dónde", "por qué", "una", "para", "se",
        "il", "di", "che", "non", "gli", "della", "perché", "chi", "dove", "quando", "sono", "è", "o", "em", "não", "uma", "os", "quem", "onde",
        "het", "een", "niet", "wat", "waar", "wanneer", "hoe", "ik", "je", "van", "zijn",
    ], StringComparer.Ordinal);

    /// <summary>Letters per writing system, for a text or a whole corpus.</summary>
    public static Dictionary<string, int> Scripts(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string text in texts)
        {
            foreach (char c in text)
            {
                if (char.IsLetter(c))
                {
                    string script = ScriptOf(c);
                    counts[script] = counts.GetValueOrDefault(script) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>Share of a text's words that are English function words (for Latin-script sources: are they English?).</summary>
    public static double EnglishShare(IEnumerable<string> texts)
    {
        int words = 0, english = 0;
        foreach (string text in texts)
        {
            foreach (Token t in Tokenizer.Tokenize(text))
            {
                words++;
                english += t.IsStopWord ? 1 : 0;
            }
        }

        return words == 0 ? 0 : english / (double)words;
    }

    /// <summary>
    /// True when the query is surely in another language than the sources: its main writing system is (almost)
    /// absent from them, or the sources are English and the query reads as another Latin-script language.
    /// </summary>
    public static bool IsOtherLanguage(string query, IReadOnlyDictionary<string, int> sourceScripts, bool sourcesAreEnglish)
    {
        Dictionary<string, int> own = Scripts([query]);
        if (own.Count == 0)
        {
            return false;
        }

        string main = own.MaxBy(p => p.Value).Key;
        int total = sourceScripts.Values.Sum();
        if (total > 0 && sourceScripts.GetValueOrDefault(main) < total * 0.01)
        {
            return true;
        }

        if (!sourcesAreEnglish || main != "Latin")
        {
            return false;
        }

        List<Token> tokens = Tokenizer.Tokenize(query);
        int foreign = tokens.Count(t => OtherFunctionWords.Contains(t.Lower) && !t.IsStopWord);
        int english = tokens.Count(t => t.IsStopWord);
        return tokens.Count >= 3 && foreign >= 2 && foreign > english;
    }

    private static string ScriptOf(char c)
    {
        if (c < 0x250 || (c >= 0x1E00 && c < 0x1F00))
        {
            return "Latin";
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= 0x3000
            ? "CJK"
            : c switch
            {
                >= '\u0370' and < '\u0400' => "Greek",
                >= '\u0400' and < '\u0530' => "Cyrillic",
                >= '\u0590' and < '\u0600' => "Hebrew",
                >= '\u0600' and < '\u0780' => "Arabic",
                >= '\u0900' and < '\u0E00' => "Indic",
                _ => "Other",
            };
    }
}
