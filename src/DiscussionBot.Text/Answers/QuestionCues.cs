using System.Collections.Frozen;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>What kind of thing a question asks for, read from its wording.</summary>
internal enum AnswerKind
{
    Unknown,
    Quantity,
    Time,
    Person,
    Place,
}

/// <summary>
/// Question-type cues: "how many/how much" wants a number, "when/what year" a date, "who" a name, "where" a place.
/// A passage that holds such a thing (beyond the question's own words) is likelier to answer; one without it is
/// likelier to merely repeat the question's words.
/// </summary>
internal static class QuestionCues
{
    private static readonly FrozenSet<string> NumberWords = FrozenSet.ToFrozenSet(
    [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
        "thirty", "forty", "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
        "billions", "trillion", "dozen", "dozens", "half", "percent", "several", "few",

        // not "quarter", "third" or "per": in "fourth quarter profits" or "a third term" they name a period or an
        // order, not an amount (an amount "per" something has its number beside it)
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> TimeWords = FrozenSet.ToFrozenSet(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "century", "centuries", "decade", "decades", "year", "years", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "today", "yesterday", "ago", "since", "until", "during", "after",
        "before", "bc", "ad", "spring", "summer", "autumn", "winter", "week", "weeks", "month", "months", "day", "days",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> MeasureWords = FrozenSet.ToFrozenSet(
        ["many", "much", "long", "old", "far", "large", "big", "tall", "high", "often"], StringComparer.Ordinal);

    /// <summary>
    /// True when token <paramref name="i"/> only says what kind of answer is wanted ("many" in "how many troops"):
    /// it is not a word the answer must contain, so it neither searches nor counts toward a passage's coverage.
    /// </summary>
    public static bool IsCueWord(IReadOnlyList<Token> tokens, int i) =>
        i > 0 && tokens[i - 1].Lower == "how" && MeasureWords.Contains(tokens[i].Lower);

    public static AnswerKind KindOf(string question)
    {
        string q = question.TrimStart().ToLowerInvariant();
        if (Has(q, "how many") || Has(q, "how much") || Has(q, "how long") || Has(q, "how old") || Has(q, "how far") ||
            Has(q, "how large") || Has(q, "how big") || Has(q, "how tall") || Has(q, "how high") || Has(q, "what percentage") ||
            Has(q, "what number") || Has(q, "what amount") || Has(q, "how often"))
        {
            return AnswerKind.Quantity;
        }

        if (Has(q, "when") || Has(q, "what year") || Has(q, "which year") || Has(q, "what date") || Has(q, "what time") ||
            Has(q, "what century") || Has(q, "what decade") || Has(q, "what day") || Has(q, "what month"))
        {
            return AnswerKind.Time;
        }

        if (Has(q, "who") || Has(q, "whom") || Has(q, "whose"))
        {
            return AnswerKind.Person;
        }

        return Has(q, "where") || Has(q, "what country") || Has(q, "which country") || Has(q, "what city") || Has(q, "which city")
            ? AnswerKind.Place
            : AnswerKind.Unknown;
    }

    /// <summary>
    /// 1 when the sentence holds the kind of thing asked for next to one of the question's content words ("15,000
    /// troops" for "how many troops"), 0.5 when it holds one elsewhere, 0 when none (the question's own words never count).
    /// </summary>
    public static double Satisfies(AnswerKind kind, string sentence, IReadOnlySet<string> questionWords, IReadOnlySet<string> questionStems)
    {
        if (kind == AnswerKind.Unknown)
        {
            return 0;
        }

        List<Token> tokens = Tokenizer.Tokenize(sentence);
        double found = 0;
        for (int i = 0; i < tokens.Count && found < 1; i++)
        {
            Token t = tokens[i];
            if (questionWords.Contains(t.Lower) || !IsAnswerOfKind(kind, t, i > 0 && char.IsUpper(sentence[t.Start])))
            {
                continue;
            }

            bool near = false;
            for (int j = Math.Max(0, i - 3); j <= Math.Min(tokens.Count - 1, i + 3) && !near; j++)
            {
                near = j != i && !tokens[j].IsStopWord && questionStems.Contains(tokens[j].Stem);
            }

            found = Math.Max(found, near ? 1 : 0.5);
        }

        return found;
    }

    private static bool IsAnswerOfKind(AnswerKind kind, Token t, bool capitalisedInside)
    {
        bool digit = char.IsDigit(t.Lower[0]);
        return kind switch
        {
            AnswerKind.Quantity => digit || NumberWords.Contains(t.Lower),
            AnswerKind.Time => (digit && LooksLikeYearOrDate(t.Lower)) || TimeWords.Contains(t.Lower),
            _ => capitalisedInside && !digit && !t.IsStopWord,
        };
    }

    /// <summary>A year (1066, 2024), a decade (1990s) or an ordinal day (5th); other numbers are quantities.</summary>
    private static bool LooksLikeYearOrDate(string token)
    {
        string digits = token.TrimEnd('s');
        if (digits.Length == 4 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int year))
        {
            return year is >= 1000 and <= 2100;
        }

        return token.Length <= 4 && (token.EndsWith("th", StringComparison.Ordinal) || token.EndsWith("st", StringComparison.Ordinal) ||
                                     token.EndsWith("nd", StringComparison.Ordinal) || token.EndsWith("rd", StringComparison.Ordinal));
    }

    private static bool Has(string question, string phrase)
    {
        int at = question.IndexOf(phrase, StringComparison.Ordinal);
        while (at >= 0)
        {
            bool startsWord = at == 0 || !char.IsLetter(question[at - 1]);
            int end = at + phrase.Length;
            bool endsWord = end == question.Length || !char.IsLetter(question[end]);
            if (startsWord && endsWord)
            {
                return true;
            }

            at = question.IndexOf(phrase, at + 1, StringComparison.Ordinal);
        }

        return false;
    }
}
