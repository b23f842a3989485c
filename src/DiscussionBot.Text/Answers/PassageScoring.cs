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
/// <param name="DocumentContext">The first-stage score of the best other candidate from the same document (0 when none, never negative).</param>
/// <param name="LogLength">Natural log of the passage's word count (at least 3 words counted).</param>
internal sealed record PassageFeatures(
    double LexicalZ,
    double DenseZ,
    double Cosine,
    double Coverage,
    double AnswerType,
    double DocumentPrior,
    double ParagraphCosine,
    double ParagraphCoverage,
    double DocumentContext,
    double LogLength);

/// <summary>
/// A query word's stem (its id in <see cref="SnapshotTerms"/>, -1 when no sentence holds it) and its IDF weight;
/// <paramref name="OtherSpellings"/> are other ways the sources may write it, each a set of stem ids a sentence must
/// all hold (a word split in two, or joined with its neighbour: <see cref="QueryTerms"/>).
/// </summary>
internal readonly record struct WeightedStem(int Id, double Idf, int[][]? OtherSpellings = null)
{
    public bool IsHeldBy(SnapshotTerms terms, int row)
    {
        if (terms.Holds(row, Id))
        {
            return true;
        }

        foreach (int[] spelling in OtherSpellings ?? [])
        {
            if (spelling.All(id => terms.Holds(row, id)))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The two best first-stage candidates of one document, for <see cref="PassageFeatures.DocumentContext"/>.</summary>
internal sealed class DocumentLeaders
{
    private int _bestRow = -1;
    private double _best;
    private double _second;

    public static Dictionary<long, DocumentLeaders> Of(CorpusSnapshot snapshot, IEnumerable<(int Row, double Score)> candidates)
    {
        var leaders = new Dictionary<long, DocumentLeaders>();
        foreach ((int row, double score) in candidates)
        {
            long document = snapshot.Rows[row].DocumentId;
            if (!leaders.TryGetValue(document, out DocumentLeaders? entry))
            {
                entry = new DocumentLeaders();
                leaders[document] = entry;
            }

            entry.Add(row, Math.Max(0, score));
        }

        return leaders;
    }

    /// <summary>The best score among the document's other candidates (0 when the row is its only one).</summary>
    public double BestOtherThan(int row) => row == _bestRow ? _second : _best;

    private void Add(int row, double score)
    {
        if (_bestRow < 0 || score > _best)
        {
            _second = _bestRow < 0 ? 0 : _best;
            (_bestRow, _best) = (row, score);
        }
        else
        {
            _second = Math.Max(_second, score);
        }
    }
}

/// <summary>
/// The re-ranker's score of one candidate: its first-stage score plus the weighted features of
/// <see cref="PassageFeatures"/> (weights in <see cref="QuoteRankingOptions"/>), with three corrections for a query
/// that the sources' words cannot fully answer.
/// </summary>
/// <param name="hasVectors">The query was embedded, so a passage's cosine z-score means something.</param>
/// <param name="absentShare">Share of the query's word weight that no quotable sentence holds (<see cref="PassageScoring.AbsentShare"/>).</param>
/// <param name="coveringCandidates">Per document, how many of its candidates hold at least one query word.</param>
internal sealed class PassageEvidence(QuoteRankingOptions ranking, bool hasVectors, double absentShare, IReadOnlyDictionary<long, int> coveringCandidates)
{
    public double Score(double firstStage, PassageFeatures features, long documentId)
    {
        // a passage sharing the query's words but no closer in meaning than the average sentence ("expensive" in a
        // sentence about game engines, for "expensive jewelry") earns only part of its word credit
        double coverageCredit = hasVectors && ranking.CoverageDenseGate > 0 && !double.IsNaN(features.Cosine)
            ? Math.Clamp(features.DenseZ / ranking.CoverageDenseGate, 0, 1)
            : 1;

        // a document whose only sentence holding a query word is one candidate is not about the query: the prior
        // would lift all its other sentences for that one word. One with no such candidate holds the words outside
        // the candidates (or in its title), where they cannot be counted: its prior stands. Without a query vector
        // there is no closer-in-meaning passage to give way to, so the prior stands too (taking it away cost lexical
        // SciFact quotes 0.012 nDCG@10).
        int covering = coveringCandidates.GetValueOrDefault(documentId);
        double priorCredit = !hasVectors || covering == 0 ? 1 : Math.Min(1, covering / (double)ranking.DocumentPriorSentences);

        // the query words no source writes can only be matched in meaning, by the dense side
        double absentDense = ranking.AbsentWordDenseWeight * absentShare * features.DenseZ;

        return firstStage +
               (ranking.CoverageWeight * coverageCredit * features.Coverage) +
               (ranking.AnswerTypeWeight * features.AnswerType) +
               (ranking.DocumentPriorWeight * priorCredit * features.DocumentPrior) +
               (ranking.ParagraphDenseWeight * features.ParagraphCosine) +
               (ranking.ParagraphCoverageWeight * features.ParagraphCoverage) +
               (ranking.DocumentContextWeight * features.DocumentContext) +
               (ranking.LengthWeight * features.LogLength) +
               absentDense;
    }
}

/// <summary>A candidate passage after re-ranking.</summary>
internal sealed record RankedPassage(int Row, double Score, PassageFeatures Features);

/// <summary>The lexical measures of a passage against a query, and what makes a line a headline rather than a passage.</summary>
internal static class PassageScoring
{
    /// <summary>
    /// Share of the query's IDF weight found in rows <paramref name="first"/>..<paramref name="last"/> (one sentence, or
    /// its paragraph); words the corpus never uses weigh most.
    /// </summary>
    public static double Coverage(SnapshotTerms terms, int first, int last, IReadOnlyList<WeightedStem> query)
    {
        double total = 0, found = 0;
        foreach (WeightedStem stem in query)
        {
            total += stem.Idf;
            for (int row = first; row <= last; row++)
            {
                if (stem.IsHeldBy(terms, row))
                {
                    found += stem.Idf;
                    break;
                }
            }
        }

        return total <= 0 ? 0 : found / total;
    }

    /// <summary>Share of the query's word weight (IDF) that no quotable sentence holds in any spelling.</summary>
    public static double AbsentShare(IReadOnlyList<WeightedStem> query)
    {
        double total = query.Sum(s => s.Idf);
        return total <= 0 ? 0 : query.Where(s => s.Id < 0 && s.OtherSpellings is null).Sum(s => s.Idf) / total;
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

    /// <summary>
    /// Words in the text as <see cref="Tokenizer"/> splits them (runs of letters and digits, joined by inner
    /// apostrophes and hyphens), counted without building the tokens: the re-ranker asks for 100 candidates per query.
    /// </summary>
    public static int WordCount(string text)
    {
        int count = 0;
        bool inWord = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                count += inWord ? 0 : 1;
                inWord = true;
            }
            else
            {
                inWord = inWord && c is '\'' or '’' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
            }
        }

        return count;
    }

    /// <summary>The same sentence in two documents is shown once: compared without case, punctuation or spacing.</summary>
    public static string DuplicateKey(string text)
    {
        var key = new System.Text.StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                key.Append(char.ToLowerInvariant(c));
            }
            else if (key.Length > 0 && key[^1] != ' ')
            {
                key.Append(' ');
            }
        }

        return key.ToString().TrimEnd();
    }
}
