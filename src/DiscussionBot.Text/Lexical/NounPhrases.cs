using System.Collections.Frozen;

namespace DiscussionBot.Text.Lexical;

/// <summary>
/// POS-free checks that a key term is a noun phrase ("interest rates", "Gordon Brown") and not a verb fragment
/// ("contrast fuels", "Blair dismisses quit"), and that a label is not written only under a negation.
/// </summary>
internal static class NounPhrases
{
    // Verbs that headlines and commentary use in the third person or past tense; never the end of a noun phrase.
    private static readonly FrozenSet<string> VerbForms = (
        "warns urges backs vows rejects slams denies dismisses dismissed predicts predicted faces faced turns sues sued fuels fuelled " +
        "serves served seeks wins loses hits boosts boosted cuts rises rose falls fell claims gets takes gives shows sets hails attacks " +
        "quits calls tells says said warned urged backed vowed rejected denied admits admitted insists insisted agrees agreed " +
        "launches launched unveils unveiled reveals revealed wants needs makes made keeps kept puts brings brought becomes became " +
        "remains seems appears suggests suggested expects expected believes believed argues argued fears feared hopes hoped " +
        "plans planned aims aimed looks looked goes went comes came sees saw knows knew thinks thought feels felt leads led " +
        "places placed sent send sends offers offered shifts shifted gain gains died dies is are was were be been has have had does did do " +
        "won told began begun wrote spoke took taken gave given found paid sold bought chose chosen chooses held holds shown seen known done gone").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // Words too general to tell one subject from another, whatever their statistics in a small store.
    private static readonly FrozenSet<string> Generic = (
        "people person later longer bit lot offer enjoy capable public basic original start end thing stuff way place world " +
        "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday " +
        "former latest recent annual yesterday today week weekend month year time times number level side move deal talk talks news report reports " +
        "mr mrs ms sir").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for a single word too general to be a key term ("people", "later", "October").</summary>
    public static bool IsGeneric(string surface) => !surface.Contains(' ', StringComparison.Ordinal) && Generic.Contains(surface.ToLowerInvariant());

    private static readonly FrozenSet<string> Negations =
        "not no never nor without hardly barely isn't aren't wasn't weren't don't doesn't didn't cannot can't won't".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // Words after which a word is being used as a verb ("the state places a ...", "contrast fuels the ...").
    private static readonly FrozenSet<string> ObjectStarters =
        "the a an his her its their this that these those him them it us me our my your to".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True unless the phrase's words show it is a verb fragment or a stray word.</summary>
    public static bool IsLikely(string surface)
    {
        string[] words = surface.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || words.Any(w => w.Length < 2 || char.IsDigit(w[0])))
        {
            return false;
        }

        string last = words[^1].ToLowerInvariant();
        if (words.Any(w => VerbForms.Contains(w.ToLowerInvariant())))
        {
            return false;
        }

        if (last.Length > 3 && last.EndsWith("ed", StringComparison.Ordinal) && !last.EndsWith("eed", StringComparison.Ordinal))
        {
            return false;
        }

        string first = words[0].ToLowerInvariant();
        return !(first.Length > 4 && first.EndsWith("ly", StringComparison.Ordinal));
    }

    /// <summary>A name for a theme: a likely noun phrase that does not end in an adjective or stand as a lone "-ing" word ("Missing").</summary>
    public static bool IsLabelLike(string surface)
    {
        if (!IsLikely(surface))
        {
            return false;
        }

        string[] words = surface.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string last = words[^1].ToLowerInvariant();
        if (words.Length == 1 && last.EndsWith("ing", StringComparison.Ordinal))
        {
            return false;
        }

        return !AdjectiveEndings.Any(e => last.Length > e.Length + 2 && last.EndsWith(e, StringComparison.Ordinal));
    }

    private static readonly string[] AdjectiveEndings = ["able", "ible", "ous", "ful", "less", "ical", "ive"];

    /// <summary>
    /// True when the phrase's last word acts as a verb in these sentences: most of its occurrences are followed by
    /// an article, pronoun or "to" ("contrast fuels the", "the state places a").
    /// </summary>
    public static bool ActsAsVerb(string surface, IEnumerable<string> sentences) =>
        MostlyFollowedBy(surface, sentences, wholeWords: false, (_, end, next) => next.Start <= end + 1 && ObjectStarters.Contains(next.Lower));

    /// <summary>
    /// True when the phrase mostly modifies the word after it ("foreign" in "foreign policy", "London" in "London
    /// theatre"): it is then not the head of a noun phrase, and names nothing on its own.
    /// </summary>
    public static bool ActsAsModifier(string surface, IEnumerable<string> sentences) =>
        MostlyFollowedBy(surface, sentences, wholeWords: true, (sentence, end, next) =>
            next.Start == end + 1 && sentence[end] == ' ' && !KeyPhraseExtractor.IsBreaker(next) && !ObjectStarters.Contains(next.Lower) &&
            !VerbForms.Contains(next.Lower) && !next.Lower.EndsWith("ed", StringComparison.Ordinal));

    /// <summary>True when more than half of the phrase's occurrences are followed by a word that passes <paramref name="follows"/>.</summary>
    private static bool MostlyFollowedBy(string surface, IEnumerable<string> sentences, bool wholeWords, Func<string, int, Token, bool> follows)
    {
        int seen = 0;
        int matching = 0;
        foreach (string sentence in sentences)
        {
            int at = sentence.IndexOf(surface, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                int end = at + surface.Length;
                bool whole = (at == 0 || !char.IsLetterOrDigit(sentence[at - 1])) && (end == sentence.Length || !char.IsLetterOrDigit(sentence[end]));
                if (whole || !wholeWords)
                {
                    seen++;
                    List<Token> after = Tokenizer.Tokenize(sentence, end, Math.Min(sentence.Length, end + 30));
                    if (after.Count > 0 && follows(sentence, end, after[0]))
                    {
                        matching++;
                    }
                }

                at = sentence.IndexOf(surface, end, StringComparison.OrdinalIgnoreCase);
            }
        }

        return seen > 0 && matching * 2 > seen;
    }

    /// <summary>True when the sentence contains the phrase with no negation before it in its clause ("is not viewed as a … of remorse").</summary>
    public static bool OccursUnnegated(string sentence, string phrase)
    {
        int at = sentence.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            bool wordStart = at == 0 || !char.IsLetterOrDigit(sentence[at - 1]);
            if (wordStart)
            {
                // the negation's scope: from the start of the clause the phrase is in
                int clause = sentence.LastIndexOfAny([',', ';', ':', '—', '(', '–'], Math.Max(0, at - 1)) + 1;
                List<Token> before = Tokenizer.Tokenize(sentence, clause, at);
                if (!before.Any(t => Negations.Contains(t.Lower) || t.Lower.EndsWith("n't", StringComparison.Ordinal)))
                {
                    return true;
                }
            }

            at = sentence.IndexOf(phrase, at + phrase.Length, StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }
}

/// <summary>What a sentence's first words point back with, if anything.</summary>
[Flags]
public enum PointingBack
{
    None = 0,

    /// <summary>A discourse connective: "However, …", "But…", "Meanwhile…", "Instead, …", "In addition, …".</summary>
    Connective = 1,

    /// <summary>A demonstrative: "This is why…", "These figures…", "Such a move…".</summary>
    Demonstrative = 2,

    /// <summary>A personal pronoun: "It has all gone for him…", "He said…", "Their deaths…".</summary>
    Pronoun = 4,

    All = Connective | Demonstrative | Pronoun,
}

/// <summary>
/// Sentences that open with a word pointing back to a sentence the reader has not seen: a pronoun ("It has all gone
/// for him…"), a demonstrative ("This is why…") or a discourse connective ("However, …", "Instead, …").
/// </summary>
internal static class Openers
{
    private static readonly FrozenSet<string> Connectives = (
        "but and so however meanwhile then also yet moreover furthermore nevertheless nonetheless besides likewise similarly " +
        "thus therefore hence consequently accordingly additionally conversely").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // "otherwise" ("if not what came before") is here, not among the connectives: it cannot be left out of its sentence
    private static readonly FrozenSet<string> Demonstratives = "this that these those such otherwise".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // "there" is left out: "There were 15,000 troops…" stands alone
    private static readonly FrozenSet<string> Pronouns = "it its he she they his her their him them".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    // Words that point back only as a connective set off by a comma ("Instead, …", "Still, …"), not in "Instead of
    // waiting…" or "Still images…".
    private static readonly FrozenSet<string> ConnectivesBeforeComma =
        "instead still again later indeed regardless".Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] NotConnectiveAfterSo = ["far", "much", "many", "long", "few", "called"];

    // Connectives of several words ("In addition, …", "As a result…").
    private static readonly string[] ConnectivePhrases =
        ["in addition", "as a result", "by contrast", "in contrast", "on the other hand", "even so", "at the same time", "in turn", "for its part", "for his part", "for her part", "for their part"];

    /// <summary>True for "It has all gone for him…", "This is why…", "But…", "However, …", "Instead, …", "In addition, …".</summary>
    public static bool Dangles(string sentence) => Kind(sentence) != PointingBack.None;

    /// <summary>
    /// Where the sentence goes on after its opening connectives ("However, the company said…" → "the company said…";
    /// "And yet, he…" → "he…"); 0 when it opens with none, or the connective is not its very first word (a quotation
    /// mark before it) or leaves fewer than three words.
    /// </summary>
    public static int ConnectiveEnd(string sentence)
    {
        int end = 0;
        for (int round = 0; round < 2 && end < sentence.Length && char.IsLetter(sentence[end]) && Kind(sentence[end..]) == PointingBack.Connective; round++)
        {
            int at = end;
            string? phrase = ConnectivePhrases.FirstOrDefault(p => string.Compare(sentence, at, p, 0, p.Length, StringComparison.OrdinalIgnoreCase) == 0);
            end += phrase?.Length ?? sentence[end..].TakeWhile(char.IsLetter).Count();
            while (end < sentence.Length && (sentence[end] == ',' || char.IsWhiteSpace(sentence[end])))
            {
                end++;
            }
        }

        return end < sentence.Length && char.IsLetterOrDigit(sentence[end]) && sentence[end..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3 ? end : 0;
    }

    /// <summary>How the sentence's first words point back, if they do.</summary>
    public static PointingBack Kind(string sentence)
    {
        int i = 0;
        while (i < sentence.Length && !char.IsLetter(sentence[i]))
        {
            i++;
        }

        int s = i;
        while (i < sentence.Length && (char.IsLetter(sentence[i]) || sentence[i] == '\''))
        {
            i++;
        }

        if (i == s)
        {
            return PointingBack.None;
        }

        string first = sentence[s..i].ToLowerInvariant();
        if (first == "so" && NotConnectiveAfterSo.Any(w => string.Compare(sentence, i + 1, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0))
        {
            return PointingBack.None; // "So far, 15 people…", "So-called…"
        }

        if (Connectives.Contains(first) || (ConnectivesBeforeComma.Contains(first) && i < sentence.Length && sentence[i] == ','))
        {
            return PointingBack.Connective;
        }

        if (Demonstratives.Contains(first))
        {
            return PointingBack.Demonstrative;
        }

        if (Pronouns.Contains(first))
        {
            return PointingBack.Pronoun;
        }

        return ConnectivePhrases.Any(phrase => sentence.Length > s + phrase.Length &&
            string.Compare(sentence, s, phrase, 0, phrase.Length, StringComparison.OrdinalIgnoreCase) == 0 &&
            !char.IsLetter(sentence[s + phrase.Length]))
            ? PointingBack.Connective
            : PointingBack.None;
    }
}
