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

    public Task<Summary> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken) =>
        SummarizeAsync(request, DocumentScope.OperatorOnly, cancellationToken);

    public async Task<Summary> SummarizeAsync(SummaryRequest request, DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DocumentId is long id)
        {
            string version = DocumentMemo.VersionOf(await cache.EnsureVisibleAsync(id, scope, cancellationToken));
            string key = $"summary:{id}:{request.Length}";
            if (cache.Documents.Find<Summary>(key, version) is { } known)
            {
                return known;
            }

            AnalyzedDocument loaded = await DocumentLoader.LoadAsync(store, analyses, id, cancellationToken);
            return cache.Documents.Get(key, version, () => SummarizeDocument(loaded, request.Length, _options));
        }

        CorpusSnapshot snapshot = await cache.GetAsync(scope, cancellationToken);
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
            options,
            Headline(document));
        int[] from = ExtractiveSummarizer.ShownFrom(chosen, chosen.Select(i => document.Sentences[i].Text).ToList(), options);
        var sentences = chosen
            .Select(i => document.Sentences[i])
            .Select((s, k) => new CitedSentence(document.CiteSentence(s), s.Text) { ShownFrom = from[k] })
            .ToList();
        return new Summary(document.Info.Id, document.Info.Title, length, sentences, 1);
    }

    /// <summary>
    /// The lines above the body when the text has them (a headline line); else the document's title, which for a
    /// seed comes from its metadata and otherwise from the file name.
    /// </summary>
    private static IReadOnlyList<string> Headline(SourceDocument document)
    {
        IReadOnlyList<string> heading = Documents.TextSegmenter.Heading(document.Sentences);
        return heading.Count > 0 ? heading : [document.Info.Title];
    }

    /// <summary>How many documents a store summary of this length draws on, at most.</summary>
    public static int StoreDocumentBudget(SummaryLength length, int most) => length switch
    {
        SummaryLength.Short => Math.Max(1, (most + 2) / 3),
        SummaryLength.Medium => Math.Max(1, ((2 * most) + 2) / 3),
        _ => most,
    };

    private static Summary SummarizeStore(CorpusSnapshot snapshot, SummaryLength length, SummaryOptions options)
    {
        int held = snapshot.Documents.Count;
        if (held == 1 && snapshot.DocumentRows.ContainsKey(snapshot.Documents[0].Id))
        {
            // one source: its own summary reads better than one "main point"
            long only = snapshot.Documents[0].Id;
            (int start, int count) = snapshot.DocumentRows[only];
            int[] picks = ExtractiveSummarizer.SelectRows(snapshot, Enumerable.Range(start, count).ToList(), SentenceBudget(length, count), options);
            int[] from = ExtractiveSummarizer.ShownFrom(picks.Select(r => snapshot.Rows[r].Ordinal).ToList(), picks.Select(r => snapshot.Rows[r].Text).ToList(), options);
            var cited = picks.Select((r, k) => Cite(snapshot, r) with { ShownFrom = from[k] }).ToList();
            return new Summary(null, StoreScopeTitle, length, cited, 1) { StoreDocumentCount = 1 };
        }

        // Documents are taken in turn from each group of documents about one thing (largest group first), so a
        // bounded summary still reaches every subject; its sentences are then shown group by group.
        StoreTerms terms = snapshot.Memo("store-terms", () => StoreTerms.Build(snapshot));
        // every document stays in its group here: the summary only spreads its budget over subjects
        List<List<long>> groups = snapshot.Memo($"document-groups:{SummaryGroups}", () => DocumentClustering.Cluster(snapshot, terms, SummaryGroups, outlierFit: 0).Groups);
        // The store's first source (the community's own article, which the store was started from) always comes
        // first: a summary of the store that skipped it would miss what the community is discussing.
        int budget = StoreDocumentBudget(length, options.StoreDocuments);
        var grouped = groups.SelectMany(g => g).ToHashSet();
        DocumentInfo? first = snapshot.Documents.Where(d => grouped.Contains(d.Id)).OrderBy(d => d.IngestedAt).ThenBy(d => d.Id).FirstOrDefault();
        int firstGroup = first is null ? -1 : groups.FindIndex(g => g.Contains(first.Id));
        List<List<long>> ordered = groups.Select(g => Central(terms, g)).ToList();
        if (first is not null)
        {
            ordered[firstGroup].Remove(first.Id);
            ordered[firstGroup].Insert(0, first.Id);
        }

        int[] groupOrder = [.. Enumerable.Range(0, groups.Count).OrderBy(g => g == firstGroup ? 0 : 1)];
        var picked = new List<(int Group, long Document)>();
        for (int turn = 0; picked.Count < budget && groups.Any(g => g.Count > turn); turn++)
        {
            foreach (int g in groupOrder.TakeWhile(_ => picked.Count < budget))
            {
                if (groups[g].Count > turn)
                {
                    picked.Add((g, ordered[g][turn]));
                }
            }
        }

        var sentences = picked
            .OrderBy(p => Array.IndexOf(groupOrder, p.Group))
            .ThenBy(p => p.Document)
            .Select(p => Cite(snapshot, MainPoint(snapshot, p.Document, options.HeadlineLeadShare)))
            .ToList();
        var drawn = picked.Select(p => p.Document).ToHashSet();
        var leftOut = snapshot.Documents.Where(d => !drawn.Contains(d.Id)).Select(d => d.Title).ToList();
        return new Summary(null, StoreScopeTitle, length, sentences, drawn.Count) { StoreDocumentCount = held, LeftOut = leftOut };
    }

    /// <summary>Groups looked for when a store summary spreads its documents over subjects.</summary>
    private const int SummaryGroups = 8;

    /// <summary>A group's documents, those sharing most words with the rest of the group first.</summary>
    private static List<long> Central(StoreTerms terms, List<long> group)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (long id in group)
        {
            foreach (DocumentTerm t in terms.Terms[id])
            {
                frequency[t.Key] = frequency.GetValueOrDefault(t.Key) + 1;
            }
        }

        return group
            .Select(id => (Id: id, Score: terms.Terms[id].Sum(t => frequency[t.Key] - 1) / Math.Sqrt(1 + terms.Terms[id].Length)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Id)
            .Select(x => x.Id)
            .ToList();
    }

    /// <summary>
    /// A document's main point: its lead when the lead is nearly as central as its best sentence (news puts the
    /// main fact first) or states what the document's title announces ("High fuel prices hit BA's profits" / "British
    /// Airways has blamed high fuel prices for a 40% drop in profits."), else its most central sentence that does not
    /// open by pointing back ("It", "However", "He"): shown alone, such a sentence would point to nothing. Only a
    /// document whose every sentence points back gives one.
    /// </summary>
    /// <param name="headlineLeadShare">See <see cref="SummaryOptions.HeadlineLeadShare"/>.</param>
    internal static int MainPoint(CorpusSnapshot snapshot, long documentId, double headlineLeadShare)
    {
        (int start, int count) = snapshot.DocumentRows[documentId];
        int best = -1;
        int bestPointingBack = start;
        for (int r = start; r < start + count; r++)
        {
            float salience = snapshot.Rows[r].Salience;
            if (Lexical.Openers.Dangles(snapshot.Rows[r].Text))
            {
                bestPointingBack = salience > snapshot.Rows[bestPointingBack].Salience ? r : bestPointingBack;
            }
            else if (best < 0 || salience > snapshot.Rows[best].Salience)
            {
                best = r;
            }
        }

        best = best < 0 ? bestPointingBack : best;
        double bestScore = snapshot.Rows[best].Salience;
        double lead = bestScore > 0 ? snapshot.Rows[start].Salience / bestScore : 1;
        if (best == start || ExtractiveSummarizer.LeadCarriesMainFact(lead, snapshot.Rows[start].Text, MainPointLeadShare))
        {
            return start;
        }

        var body = new List<string>(count);
        for (int r = start; r < start + count; r++)
        {
            body.Add(snapshot.Rows[r].Text);
        }

        return ExtractiveSummarizer.LeadStatesHeadline(lead, body, [snapshot.DocumentsById[documentId].Title], headlineLeadShare) ? start : best;
    }

    /// <summary>
    /// One sentence stands for a whole document here, so the lead is preferred more readily than in a document's
    /// own summary (<see cref="SummaryOptions.LeadShare"/>), where other sentences can still carry the main fact.
    /// </summary>
    private const double MainPointLeadShare = 0.7;

    internal static CitedSentence Cite(CorpusSnapshot snapshot, int row)
    {
        SentenceRow s = snapshot.Rows[row];
        DocumentInfo info = snapshot.DocumentsById[s.DocumentId];
        return new CitedSentence(new Citation(info.Id, info.Title, s.ParagraphNumber, s.Ordinal), s.Text);
    }
}
