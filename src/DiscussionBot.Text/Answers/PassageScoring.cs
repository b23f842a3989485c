using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>What the re-ranker knows about one candidate passage (all larger-is-better).</summary>
/// <param name="LexicalZ">The passage's BM25, as standard deviations above the scope's mean.</param>
/// <param name="DenseZ">Its cosine to the query, as standard deviations above the scope's mean (0 without vectors).</param>
/// <param name="Cosine">Its raw cosine to the query (NaN without vectors).</param>
/// <param name="Coverage">Share of the query's word weight (IDF) the passage holds.</param>
/// <param name="AnswerType">1 when it holds the kind of thing the question asks for next to the question's words, 0.5 elsewhere.</param>
/// <param name="DocumentPrior">Its whole document's BM25, scaled by the query's best document.</param>
/// <param name="ParagraphCosine">Cosine of the query to its paragraph's mean vector (0 without vectors).</param>
/// <param name="ParagraphCoverage">Share of the query's word weight its whole paragraph holds.</param>
internal sealed record PassageFeatures(
    double LexicalZ,
    double DenseZ,
    double Cosine,
    double Coverage,
    double AnswerType,
    double DocumentPrior,
    double ParagraphCosine,
    double ParagraphCoverage);

/// <summary>A candidate passage after re-ranking.</summary>
internal sealed record RankedPassage(int Row, double Score, PassageFeatures Features);

/// <summary>The lexical measures of a passage against a query, and what makes a line a headline rather than a passage.</summary>
internal static class PassageScoring
{
    /// <summary>Share of the query's IDF weight found in the sentence; words the corpus never uses weigh most.</summary>
    public static double Coverage(IReadOnlyCollection<string> sentenceStems, IReadOnlyList<(string Stem, double Idf)> query)
    {
        double total = query.Sum(q => q.Idf);
        return total <= 0 ? 0 : query.Where(q => sentenceStems.Contains(q.Stem)).Sum(q => q.Idf) / total;
    }

    /// <summary>
    /// A headline, not a passage: a line standing alone in its paragraph, short, without sentence-final punctuation
    /// (e.g. "Ad sales boost Time Warner profit"), or the document's title itself.
    /// </summary>
    public static bool IsHeadline(string text, bool aloneInParagraph, string documentTitle)
    {
        string trimmed = text.Trim();
        if (trimmed.Equals(documentTitle.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!aloneInParagraph || trimmed.Length == 0)
        {
            return false;
        }

        char last = trimmed[^1];
        bool ends = last is '.' or '!' or '?' or '"' or '”' or '’' or '\'' or ')' or ':' or ';' or '…';
        return !ends && Tokenizer.Tokenize(trimmed).Count <= 15;
    }

    /// <summary>The same sentence in two documents is shown once: compared without case, punctuation or spacing.</summary>
    public static string DuplicateKey(string text) =>
        string.Join(' ', Tokenizer.Tokenize(text).Select(t => t.Lower));
}
