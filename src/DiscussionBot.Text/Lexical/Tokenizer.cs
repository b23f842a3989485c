using System.Collections.Frozen;

namespace DiscussionBot.Text.Lexical;

/// <summary>A word of a text: its span, lower-cased form and stem.</summary>
internal readonly record struct Token(int Start, int Length, string Lower, string Stem, bool IsStopWord)
{
    public int End => Start + Length;
}

/// <summary>Splits text into word tokens (letters, digits, inner apostrophes and hyphens) with stems.</summary>
internal static class Tokenizer
{
    public static List<Token> Tokenize(string text) => Tokenize(text, 0, text.Length);

    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>();
        AddTokens(text, start, end, tokens);
        return tokens;
    }

    /// <summary>The text's tokens in <paramref name="tokens"/>, emptied first: a walk over many sentences reuses one list.</summary>
    public static void Tokenize(string text, List<Token> tokens)
    {
        tokens.Clear();
        AddTokens(text, 0, text.Length, tokens);
    }

    private static void AddTokens(string text, int start, int end, List<Token> tokens)
    {
        Span<char> buffer = stackalloc char[128];
        int i = start;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int s = i;
            while (i < end && (char.IsLetterOrDigit(text[i]) ||
                               (text[i] is '\'' or '’' or '-' && i + 1 < end && char.IsLetterOrDigit(text[i + 1]) && i > s)))
            {
                i++;
            }

            int e = i;
            Span<char> lower = e - s <= buffer.Length ? buffer[..(e - s)] : new char[e - s];
            Normalize(text.AsSpan(s, e - s), lower);

            // possessive "'s" is not part of the word for matching
            if (lower.EndsWith("'s"))
            {
                lower = lower[..^2];
                e -= 2;
            }

            if (lower.Length == 0)
            {
                continue;
            }

            (string word, string stem) = Word(lower);
            tokens.Add(new Token(s, e - s, word, stem, StopWords.IsStopWord(word)));
        }
    }

    /// <summary>Content words' stems, for similarity and search.</summary>
    public static List<string> ContentStems(string text)
    {
        List<Token> tokens = t_tokens ??= [];
        Tokenize(text, tokens);
        var stems = new List<string>();
        foreach (Token t in tokens)
        {
            if (!t.IsStopWord && t.Lower.Length > 1)
            {
                stems.Add(t.Stem);
            }
        }

        if (tokens.Capacity > 4096)
        {
            t_tokens = null; // one huge "sentence" is not held for the thread's lifetime
        }

        return stems;
    }

    // ContentStems' tokens, one list per thread: a long text's sentences are not each given a new one
    [ThreadStatic]
    private static List<Token>? t_tokens;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> StemCache = new(StringComparer.Ordinal);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StemCacheByChars =
        StemCache.GetAlternateLookup<ReadOnlySpan<char>>();

    public static string StemOf(string lower)
    {
        if (StemCache.TryGetValue(lower, out string? stem))
        {
            return stem;
        }

        stem = lower.Contains('-', StringComparison.Ordinal) || !IsAsciiLetters(lower) ? lower : PorterStemmer.Stem(lower);
        if (StemCache.Count < 200_000)
        {
            StemCache.TryAdd(lower, stem);
        }

        return stem;
    }

    /// <summary>A lower-cased word as a string and its stem: a word seen before is found by its characters, without a new string.</summary>
    private static (string Word, string Stem) Word(ReadOnlySpan<char> lower)
    {
        if (StemCacheByChars.TryGetValue(lower, out string? word, out string? stem))
        {
            return (word, stem);
        }

        word = new string(lower);
        return (word, StemOf(word));
    }

    private static bool IsAsciiLetters(string s)
    {
        foreach (char c in s)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static void Normalize(ReadOnlySpan<char> word, Span<char> lower)
    {
        for (int i = 0; i < word.Length; i++)
        {
            char c = char.ToLowerInvariant(word[i]);
            lower[i] = c == '’' ? '\'' : c;
        }
    }
}

/// <summary>English function words, plus (for key phrases) words that rarely belong to one.</summary>
internal static class StopWords
{
    private static readonly FrozenSet<string> Function = Words(
        "a about above across after afterwards again against all almost alone along already also although always am among amongst an and another any anyhow anyone anything anyway anywhere are aren't around as at " +
        "be became because become becomes becoming been before beforehand behind being below beside besides between beyond both but by can can't cannot could couldn't did didn't do does doesn't doing don't done down during " +
        "each either else elsewhere enough etc even ever every everyone everything everywhere except few for former formerly from further furthermore had hadn't has hasn't have haven't having he he'd he'll he's hence her here hereafter hereby herein here's hers herself him himself his how however how's " +
        "i i'd i'll i'm i've ie if in indeed into is isn't it it's its itself just last latter latterly least less let's may me meanwhile might mine more moreover most mostly much must mustn't my myself namely neither never nevertheless next no nobody none noone nor not nothing now nowhere " +
        "of off often on once one only onto or other others otherwise ought our ours ourselves out over own per perhaps rather re same shall shan't she she'd she'll she's should shouldn't since so some somehow someone something sometime sometimes somewhere still such " +
        "than that that's the their theirs them themselves then thence there thereafter thereby therefore therein there's thereupon these they they'd they'll they're they've this those though through throughout thru thus to together too toward towards " +
        "under until unto up upon us very via was wasn't we we'd we'll we're we've were weren't what whatever what's when whence whenever when's where whereafter whereas whereby wherein where's whereupon wherever whether which while whither who whoever whole whom who's whose why why's will with within without won't would wouldn't " +
        "yet you you'd you'll you're you've your yours yourself yourselves s t d ll m re ve");

    // Common verbs, adverbs and vague nouns: they delimit key-phrase candidates (a POS-free stand-in for a noun-phrase chunker).
    private static readonly FrozenSet<string> PhraseBreakers = Words(
        "said says say saying told tell tells asked ask asks according also just like well many much several various certain given using used use uses based make makes made making take takes took taken get gets got getting " +
        "go goes went gone going come comes came coming see seen seem seems seemed appear appears appeared show shows showed shown find finds found know known knows think thinks thought want wants wanted " +
        "new old good great big high low large small long short first second third last next early late recent recently currently often usually really quite rather simply clearly generally particularly especially " +
        "way ways thing things lot lots kind kinds part parts number numbers year years time times day days week weeks month months today yesterday tomorrow " +
        "include includes included including provide provides provided providing present presents presented propose proposes proposed describe describes described discuss discusses discussed consider considered " +
        "obtain obtained obtains require requires required allow allows allowed enable enables enabled achieve achieved develop developed apply applied perform performed study studies studied paper article approach approaches method methods result results " +
        "well-known able possible different important main major key significant mr mrs ms dr could would should might must will may can shall " +
        "idea ideas question questions notion theme themes fact facts sense comments comment consensus example instance case cases lengths end means point points one's "+
        "two three four five six seven eight nine ten hundred thousand million billion one's");

    public static bool IsStopWord(string lower) => Function.Contains(lower);

    /// <summary>True for words that never start, end or join a key-phrase candidate.</summary>
    public static bool BreaksPhrase(string lower) => Function.Contains(lower) || PhraseBreakers.Contains(lower);

    private static FrozenSet<string> Words(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
