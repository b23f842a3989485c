using System.Runtime.CompilerServices;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Evaluation;

/// <summary>
/// A temporary in-memory store for evaluation runs: documents, analyses and an inverted-index BM25
/// (k1 1.2, b 0.75, Porter stems, any-term) over quotable sentences, the same contract as the SQLite store.
/// </summary>
internal sealed class EvaluationStore : IDocumentStore, IAnalysisStore
{
    private readonly List<(SourceDocument Document, DocumentAnalysis Analysis)> _documents = [];
    private readonly Dictionary<long, int> _index = [];
    private readonly Dictionary<string, List<(int Posting, int Tf)>> _postings = new(StringComparer.Ordinal);
    private readonly List<(long DocumentId, int Ordinal, int Length)> _sentences = [];
    private double _totalLength;
    private readonly Dictionary<string, List<(long DocumentId, int Tf)>> _documentPostings = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _documentLengths = [];

    public void Add(SourceDocument document, DocumentAnalysis analysis)
    {
        _index[document.Info.Id] = _documents.Count;
        _documents.Add((document, analysis));
        List<Token> documentTokens = Tokenizer.Tokenize(document.Info.Title + " " + document.Text);
        _documentLengths[document.Info.Id] = documentTokens.Count;
        foreach (IGrouping<string, Token> group in documentTokens.Where(t => !t.IsStopWord).GroupBy(t => t.Stem, StringComparer.Ordinal))
        {
            if (!_documentPostings.TryGetValue(group.Key, out List<(long DocumentId, int Tf)>? list))
            {
                list = [];
                _documentPostings[group.Key] = list;
            }

            list.Add((document.Info.Id, group.Count()));
        }

        foreach (Sentence sentence in document.QuotableSentences)
        {
            List<Token> tokens = Tokenizer.Tokenize(sentence.Text);
            int posting = _sentences.Count;
            _sentences.Add((document.Info.Id, sentence.Ordinal, tokens.Count));
            _totalLength += tokens.Count;
            foreach (IGrouping<string, Token> group in tokens.Where(t => !t.IsStopWord).GroupBy(t => t.Stem, StringComparer.Ordinal))
            {
                if (!_postings.TryGetValue(group.Key, out List<(int Posting, int Tf)>? list))
                {
                    list = [];
                    _postings[group.Key] = list;
                }

                list.Add((posting, group.Count()));
            }
        }
    }

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DocumentInfo>>(_documents.Select(d => d.Document.Info).ToList());

    public Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken) =>
        Task.FromResult(_index.TryGetValue(documentId, out int i) ? _documents[i].Document : null);

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken) => Task.FromResult((long)_documents.Count);

    public Task<DocumentAnalysis?> GetDocumentAnalysisAsync(long documentId, CancellationToken cancellationToken) =>
        Task.FromResult(_index.TryGetValue(documentId, out int i) ? _documents[i].Analysis : null);

    public async IAsyncEnumerable<AnalyzedSentence> ReadQuotableSentencesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach ((SourceDocument document, DocumentAnalysis analysis) in _documents)
        {
            foreach (Sentence s in document.QuotableSentences)
            {
                yield return new AnalyzedSentence(document.Info.Id, s.Ordinal, s.ParagraphNumber, s.Text,
                    analysis.SentenceSalience[s.Ordinal], analysis.SentenceVectors?[s.Ordinal]);
            }
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        int n = _documentLengths.Count;
        double averageLength = n == 0 ? 1 : Math.Max(1, _documentLengths.Values.Average());
        var scores = new Dictionary<long, double>();
        foreach (string stem in terms.Select(t => Tokenizer.StemOf(t.ToLowerInvariant())).Distinct(StringComparer.Ordinal))
        {
            if (!_documentPostings.TryGetValue(stem, out List<(long DocumentId, int Tf)>? list))
            {
                continue;
            }

            double idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
            foreach ((long id, int tf) in list)
            {
                scores[id] = scores.GetValueOrDefault(id) + (idf * tf * 2.2 / (tf + (1.2 * (0.25 + (0.75 * _documentLengths[id] / averageLength)))));
            }
        }

        IReadOnlyList<DocumentHit> hits = scores
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(Math.Max(0, limit))
            .Select(p => new DocumentHit(p.Key, p.Value))
            .ToList();
        return Task.FromResult(hits);
    }

    public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken)
    {
        int n = _sentences.Count;
        double averageLength = n == 0 ? 1 : _totalLength / n;
        var scores = new Dictionary<int, double>();
        foreach (string stem in terms.Select(t => Tokenizer.StemOf(t.ToLowerInvariant())).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(stem, out List<(int Posting, int Tf)>? list))
            {
                continue;
            }

            double idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
            foreach ((int posting, int tf) in list)
            {
                (long doc, _, int length) = _sentences[posting];
                if (documentId is long only && doc != only)
                {
                    continue;
                }

                scores[posting] = scores.GetValueOrDefault(posting) + (idf * tf * 2.2 / (tf + (1.2 * (0.25 + (0.75 * length / averageLength)))));
            }
        }

        IReadOnlyList<SentenceHit> hits = scores
            .OrderByDescending(p => p.Value).ThenBy(p => p.Key)
            .Take(limit)
            .Select(p => new SentenceHit(_sentences[p.Key].DocumentId, _sentences[p.Key].Ordinal, p.Value))
            .ToList();
        return Task.FromResult(hits);
    }
}
