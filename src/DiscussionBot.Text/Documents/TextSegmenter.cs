using System.Text.RegularExpressions;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Text.Documents;

/// <summary>
/// Rule-based paragraph and sentence splitter. Paragraphs are lines (or, for hard-wrapped prose,
/// blocks of lines between blank lines); sentences are exact, trimmed spans of the text.
/// </summary>
public sealed partial class TextSegmenter : ITextSegmenter
{
    // Titles before a name: never end a sentence.
    private static readonly HashSet<string> TitleAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cpt", "sgt", "maj",
        "adm", "cmdr", "rev", "hon", "pres", "supt", "det", "insp", "messrs", "mme", "mlle", "fr",
        "no", "nos", "vs", "v", "e.g", "i.e", "cf", "approx", "fig", "figs", "eq", "eqs", "vol", "pp", "p", "ch", "sec",
        "art", "ed", "eds", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mt", "ft", "ave", "blvd", "est", "dept", "univ", "assn", "bros", "viz", "ca", "op", "pt", "para",
    };

    // Abbreviations that may also end a sentence: break only when a capitalised word follows.
    private static readonly HashSet<string> FinalAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "etc", "inc", "ltd", "co", "corp", "llc", "plc", "jr", "sr", "bros",
    };

    // Words that usually start a sentence: after "U.S." they signal a real boundary.
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "You", "But", "And",
        "In", "On", "At", "A", "An", "As", "If", "When", "While", "However", "There", "Here", "Some", "Many", "Most",
        "His", "Her", "Their", "Our", "After", "Before", "For", "So", "Yet", "Still", "Meanwhile", "According",
    };

    public string Version => "seg-2";

    public Segmentation Segment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = new List<Paragraph>();
        var sentences = new List<Sentence>();
        List<(int Start, int End)> spans = FindParagraphSpans(text);
        bool bodyStarted = false;
        foreach ((int start, int end) in spans)
        {
            int number = paragraphs.Count + 1;
            ReadOnlySpan<char> content = text.AsSpan(start, end - start);

            // A headline is the document's title, not its body; bylines and datelines are furniture.
            bool furniture = (!bodyStarted && spans.Count > 1 && (IsHeadline(text, start, end) || IsByline(content))) ||
                             IsFurniture(content, isFirst: number == 1);
            paragraphs.Add(new Paragraph(number, start, end - start, furniture));
            int from = bodyStarted || furniture ? start : SkipDateline(text, start, end);
            bodyStarted |= !furniture;
            foreach ((int s, int e) in SplitSentences(text, from, end))
            {
                sentences.Add(new Sentence(sentences.Count, number, s, e - s, text[s..e], IsQuotable: !furniture));
            }
        }

        return new Segmentation(paragraphs, sentences);
    }

    /// <summary>Trimmed spans of non-empty lines, joining hard-wrapped lines of one block.</summary>
    private static List<(int Start, int End)> FindParagraphSpans(string text)
    {
        var lines = new List<(int Start, int End)>();
        int pos = 0;
        while (pos <= text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int lineEnd = nl < 0 ? text.Length : nl;
            (int s, int e) = Trim(text, pos, lineEnd);
            lines.Add((s, e));
            if (nl < 0)
            {
                break;
            }

            pos = nl + 1;
        }

        var result = new List<(int Start, int End)>();
        int i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Start == lines[i].End)
            {
                i++;
                continue;
            }

            int j = i;
            while (j + 1 < lines.Count && lines[j + 1].Start != lines[j + 1].End)
            {
                j++;
            }

            // lines i..j form a block between blank lines
            if (j > i && LooksHardWrapped(text, lines, i, j))
            {
                result.Add((lines[i].Start, lines[j].End));
            }
            else
            {
                for (int k = i; k <= j; k++)
                {
                    result.Add(lines[k]);
                }
            }

            i = j + 1;
        }

        return result;
    }

    private static bool LooksHardWrapped(string text, List<(int Start, int End)> lines, int first, int last)
    {
        int unterminated = 0;
        for (int k = first; k < last; k++)
        {
            (int s, int e) = lines[k];
            int length = e - s;
            if (length is < 30 or > 110 || IsListItem(text.AsSpan(lines[k + 1].Start, lines[k + 1].End - lines[k + 1].Start)))
            {
                return false;
            }

            if (!".!?:\"”’)".Contains(text[e - 1], StringComparison.Ordinal))
            {
                unterminated++;
            }
        }

        return unterminated * 2 >= last - first;
    }

    private static bool IsListItem(ReadOnlySpan<char> line) =>
        line.Length > 1 && (line[0] is '-' or '*' or '•' or '–' or '·' || ListNumberRegex().IsMatch(line));

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    private static IEnumerable<(int Start, int End)> SplitSentences(string text, int start, int end)
    {
        int sentenceStart = start;
        int i = start;
        while (i < end)
        {
            char c = text[i];
            if (!IsTerminal(c))
            {
                i++;
                continue;
            }

            int punctStart = i;
            while (i < end && (IsTerminal(text[i]) || text[i] == '.'))
            {
                i++;
            }

            // closing quotes and brackets belong to the sentence they close
            while (i < end && IsCloser(text[i]))
            {
                i++;
            }

            if (i < end && !char.IsWhiteSpace(text[i]))
            {
                continue; // "3.5", "U.S.", "e.g.," and the like
            }

            int next = i;
            while (next < end && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next >= end)
            {
                break;
            }

            if (IsBoundary(text, sentenceStart, punctStart, i, next))
            {
                (int s, int e) = Trim(text, sentenceStart, i);
                if (e > s)
                {
                    yield return (s, e);
                }

                sentenceStart = next;
            }

            i = next;
        }

        (int ls, int le) = Trim(text, sentenceStart, end);
        if (le > ls)
        {
            yield return (ls, le);
        }
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…' or '‽';

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']' or '»';

    private static bool IsBoundary(string text, int sentenceStart, int punctStart, int punctEnd, int next)
    {
        char following = text[next];
        if (char.IsLower(following))
        {
            return false; // "e.g. the", "... and", "?" he asked
        }

        string punct = text[punctStart..punctEnd];
        if (!punct.StartsWith('.') || punct.StartsWith("..", StringComparison.Ordinal) || punct.StartsWith('…'))
        {
            // "!", "?", ellipses: a boundary before anything that is not lower case
            return true;
        }

        if (punct.Length > 1 && punct[1] != '.' && !IsCloser(punct[1]))
        {
            return true;
        }

        // the word before the period
        int w = punctStart;
        while (w > sentenceStart && !char.IsWhiteSpace(text[w - 1]) && text[w - 1] is not ('(' or '"' or '“' or '‘'))
        {
            w--;
        }

        string word = text[w..punctStart];
        if (word.Length == 0)
        {
            return true;
        }

        string nextWord = ReadWord(text, next);
        // "SEC", "DEC" in capitals are acronyms ("under review by the SEC. The company…"), not "Sec. 5" or "Dec. 12"
        if (TitleAbbreviations.Contains(word) && !(word.Length >= 3 && word.All(char.IsUpper)))
        {
            // "No. 5" is an abbreviation; "said no. Then" ends a sentence
            bool numberSign = word.Equals("no", StringComparison.OrdinalIgnoreCase) || word.Equals("nos", StringComparison.OrdinalIgnoreCase);
            return numberSign && !char.IsDigit(following);
        }

        if (FinalAbbreviations.Contains(word))
        {
            return char.IsUpper(following) || char.IsDigit(following) || following is '"' or '“';
        }

        // initials: "J. K. Rowling", "George W. Bush"
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return SentenceStarters.Contains(nextWord) && nextWord is not ("A" or "I");
        }

        // dotted abbreviations: "U.S.", "a.m.", "Ph.D."
        if (word.Contains('.', StringComparison.Ordinal) && DottedAbbreviationRegex().IsMatch(word))
        {
            return SentenceStarters.Contains(nextWord);
        }

        return true;
    }

    private static string ReadWord(string text, int start)
    {
        int i = start;
        while (i < text.Length && !char.IsLetterOrDigit(text[i]) && i - start < 2)
        {
            i++;
        }

        int s = i;
        while (i < text.Length && char.IsLetter(text[i]))
        {
            i++;
        }

        return text[s..i];
    }

    private static bool IsFurniture(ReadOnlySpan<char> paragraph, bool isFirst)
    {
        if (paragraph.Length > 160)
        {
            return false;
        }

        int words = CountWords(paragraph);
        if (words <= 12 && FurnitureRegex().IsMatch(paragraph))
        {
            return true;
        }

        if (words > 6 || isFirst)
        {
            return false;
        }

        char last = paragraph[^1];
        if (last is '.' or '!' or '?' or '"' or '”' or '…' or ':')
        {
            return false;
        }

        // a short line without punctuation is furniture unless it reads like a title
        return !LooksLikeTitle(paragraph);
    }

    /// <summary>
    /// A first line that reads as a headline: one short sentence without a closing period
    /// ("Ad sales boost Time Warner profit", "Is the party over?").
    /// </summary>
    private static bool IsHeadline(string text, int start, int end)
    {
        ReadOnlySpan<char> line = text.AsSpan(start, end - start);
        ReadOnlySpan<char> beforeClosers = line.TrimEnd("\"'”’)]»");
        if (line.Length > MaxHeadlineLength || CountWords(line) > 20 || beforeClosers.IsEmpty ||
            beforeClosers[^1] is '.' or ':' or ';' or ',' or '…')
        {
            return false;
        }

        return SplitSentences(text, start, end).Take(2).Count() == 1;
    }

    private const int MaxHeadlineLength = 120;

    private static bool IsByline(ReadOnlySpan<char> line) =>
        line.Length <= 100 && CountWords(line) <= 12 && (BylineRegex().IsMatch(line) || DateLineRegex().IsMatch(line));

    /// <summary>
    /// True when the text's body opens with a news dateline ("(CNN) --", "LONDON (Reuters) -"): a wire story, written
    /// as an inverted pyramid with its main fact in the lead. <see cref="Segment"/> starts the first body sentence past
    /// the dateline, so that sentence then starts inside its paragraph rather than at the paragraph's start.
    /// </summary>
    internal static bool OpensWithDateline(Segmentation segmentation)
    {
        Sentence? first = segmentation.Sentences.FirstOrDefault(s => s.IsQuotable);
        if (first is null)
        {
            return false;
        }

        Paragraph paragraph = segmentation.Paragraphs.First(p => p.Number == first.ParagraphNumber);
        return first.Start > paragraph.Start && first.Ordinal == segmentation.Sentences.First(s => s.ParagraphNumber == first.ParagraphNumber).Ordinal;
    }

    /// <summary>
    /// The lines above the body: every sentence before the first quotable one (headline, authors, byline). They are
    /// never quoted, but a title names the document's subject, so key phrases of the document weigh them.
    /// </summary>
    internal static IReadOnlyList<string> Heading(Segmentation segmentation) => Heading(segmentation.Sentences);

    /// <summary>The sentences before the first quotable one (a headline line), as text.</summary>
    internal static IReadOnlyList<string> Heading(IReadOnlyList<Sentence> sentences) =>
        sentences.TakeWhile(s => !s.IsQuotable).Select(s => s.Text).ToList();

    /// <summary>Where the first body sentence starts once a news dateline ("LONDON (Reuters) -", "(CNN) --") is skipped.</summary>
    private static int SkipDateline(string text, int start, int end)
    {
        ValueMatch match = default;
        foreach (ValueMatch m in DatelineRegex().EnumerateMatches(text.AsSpan(start, Math.Min(end - start, 80))))
        {
            match = m;
            break;
        }

        if (match.Length == 0)
        {
            return start;
        }

        int from = start + match.Length;
        while (from < end && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        // a dateline with no sentence after it is kept as it is
        return from < end && (char.IsLetterOrDigit(text[from]) || text[from] is '"' or '“' or '‘' or '\'') ? from : start;
    }

    private static int CountWords(ReadOnlySpan<char> span)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in span)
        {
            bool letter = !char.IsWhiteSpace(c);
            if (letter && !inWord)
            {
                count++;
            }

            inWord = letter;
        }

        return count;
    }

    private static bool LooksLikeTitle(ReadOnlySpan<char> line)
    {
        int words = 0;
        int capitalised = 0;
        foreach (Range r in line.Split(' '))
        {
            ReadOnlySpan<char> w = line[r];
            if (w.IsEmpty)
            {
                continue;
            }

            words++;
            if (char.IsUpper(w[0]) || char.IsDigit(w[0]) || (w.Length <= 3 && char.IsLower(w[0])))
            {
                capitalised++;
            }
        }

        // Title Case with small words allowed, and at least two words
        return words >= 2 && capitalised == words && char.IsUpper(line[0]);
    }

    [GeneratedRegex(@"^(By|BY|Written by|Words by|Reporting by)\s+(\p{Lu}[\p{L}.'’-]*\s*){1,4}((,|and|&|\||-|–)\s*.*)?$")]
    private static partial Regex BylineRegex();

    [GeneratedRegex(@"^((Updated|Published|Posted|Last updated|Last modified)\b.*\d.*|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\d{1,2}\s+\w+\s+\d{4}.*|\w+\s+\d{1,2},\s+\d{4}(\s.*)?|\d{1,2}\s+\w+\s+\d{4}(\s.*)?)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLineRegex();

    // "LONDON, England (CNN) --", or in title case "New Delhi, India (CNN)" (words capitalised but a few particles, as in
    // "Rio de Janeiro"); the title-case form must be followed by a sentence's first word, not "Associated Press (AP) said…"
    [GeneratedRegex(@"^(\(CNN\)|[\p{Lu}][\p{Lu}\p{Lu} .,'’-]{1,40}\s*(,\s*[\p{L} .]{2,30}\s*)?\((CNN|AP|Reuters|AFP|Bloomberg|dpa|UPI)\)|" +
        @"\p{Lu}[\p{L}.'’-]*(,?\s+((de|da|del|do|dos|la|el|al|of)\s+)?\p{Lu}[\p{L}.'’-]*){0,4}\s*\((CNN|AP|Reuters|AFP|Bloomberg|dpa|UPI)\)(?=\s*(--|—|–|-)?\s*[\p{Lu}\d""“‘']))\s*(--|—|–|-)?")]
    private static partial Regex DatelineRegex();

    [GeneratedRegex(@"^\s*(\d{1,3}|[a-zA-Z])[.)]\s")]
    private static partial Regex ListNumberRegex();

    [GeneratedRegex(@"^[A-Za-z](\.[A-Za-z])+\.?$|^[A-Z][a-z]{0,3}\.[A-Z][a-z]?$")]
    private static partial Regex DottedAbbreviationRegex();

    [GeneratedRegex(
        @"^\W*(read (the )?(original|full|complete|whole|rest of the) (article|story|post|report)|read more|continue reading|click here|subscribe|sign up|advertisement|advertising|sponsored( content)?|share this( article| story| post)?|share on|follow us|related (articles|stories|content|posts)|recommended|most read|trending|image:|photo:|photograph:|source:|getty images|all rights reserved|copyright|©|cookie|newsletter|log in|back to top|skip to (main )?content|print this|email this|tags?:)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FurnitureRegex();
}
