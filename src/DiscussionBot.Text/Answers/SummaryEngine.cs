using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Extractive summaries: the most central sentences (salience computed at ingestion), chosen with maximal
/// marginal relevance so that no two say the same thing, shown in source order with citations. The whole
/// store is summarised by each document's main point, bounded in number and de-duplicated across documents.
/// </summary>
public sealed class SummaryEngine(IDocumentStore store, IAnalysisStore analyses, CorpusCache cache, IOptions<SummaryOptions> options) : ISummaryEngine
{
    private readonly SummaryOptions _options = options.Value;

    public const string StoreScopeTitle = "All sources";

    public async Task<Summary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DocumentId is long id)
        {
            AnalyzedDocument loaded = await DocumentLoader.LoadAsync(store, analyses, id, cancellationToken);
            return SummarizeDocument(loaded, request.Length, _options);
        }

        CorpusSnapshot snapshot = await cache.GetAsync(cancellationToken);
        return snapshot.Memo($"summary:{request.Length}", () => SummarizeStore(snapshot, request.Length, _options));
    }

    public static int SentenceBudget(SummaryLength length, int available) => length switch
    {
        SummaryLength.Short => Math.Min(available, Math.Max(1, Math.Min(3, available / 3))),
        SummaryLength.Medium => Math.Min(available, Math.Max(3, Math.Min(6, available / 2))),
        _ => Math.Min(available, Math.Max(5, Math.Min(12, (2 * available) / 3))),
    };

    internal static Summary SummarizeDocument(AnalyzedDocument loaded, SummaryLength length, SummaryOptions options)
    {
        SourceDocument document = loaded.Document;
        int quotable = document.Sentences.Count(s => s.IsQuotable);
        int budget = SentenceBudget(length, quotable);
        IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(
            document.Sentences.Select(s => s.Text).ToList(),
            document.Sentences.Select(s => s.IsQuotable).ToList(),
            loaded.Analysis.SentenceSalience,
            loaded.Analysis.SentenceVectors,
            budget,
            options);
        var sentences = chosen
            .Select(i => document.Sentences[i])
            .Select(s => new CitedSentence(document.CiteSentence(s), s.Text))
            .ToList();
        return new Summary(document.Info.Id, document.Info.Title, length, sentences, 1);
    }

    private static Summary SummarizeStore(CorpusSnapshot snapshot, SummaryLength length, SummaryOptions options)
    {
        int budget = length switch
        {
            SummaryLength.Short => 3,
            SummaryLength.Medium => 8,
            _ => 15,
        };

        if (snapshot.Documents.Count == 1 && snapshot.DocumentRows.ContainsKey(snapshot.Documents[0].Id))
        {
            // one source: its own summary reads better than one "main point"
            long only = snapshot.Documents[0].Id;
            (int start, int count) = snapshot.DocumentRows[only];
            budget = SentenceBudget(length, count);
            int[] picks = ExtractiveSummarizer.SelectRows(snapshot, Enumerable.Range(start, count).ToList(), budget, options);
            return new Summary(null, StoreScopeTitle, length, picks.Select(r => Cite(snapshot, r)).ToList(), 1);
        }

        // each document's main point: its most salient quotable sentence
        var mainPoints = new List<int>();
        foreach (DocumentInfo info in snapshot.Documents)
        {
            if (!snapshot.DocumentRows.TryGetValue(info.Id, out (int Start, int Count) range))
            {
                continue;
            }

            int best = range.Start;
            for (int r = range.Start; r < range.Start + range.Count; r++)
            {
                if (snapshot.Rows[r].Salience > snapshot.Rows[best].Salience)
                {
                    best = r;
                }
            }

            mainPoints.Add(best);
        }

        int[] chosen = ExtractiveSummarizer.SelectRows(snapshot, mainPoints, Math.Min(budget, mainPoints.Count), options, corpusLevel: true);
        var sentences = chosen.Select(r => Cite(snapshot, r)).ToList();
        return new Summary(null, StoreScopeTitle, length, sentences, chosen.Select(r => snapshot.Rows[r].DocumentId).Distinct().Count());
    }

    internal static CitedSentence Cite(CorpusSnapshot snapshot, int row)
    {
        SentenceRow s = snapshot.Rows[row];
        DocumentInfo info = snapshot.DocumentsById[s.DocumentId];
        return new CitedSentence(new Citation(info.Id, info.Title, s.ParagraphNumber, s.Ordinal), s.Text);
    }
}
