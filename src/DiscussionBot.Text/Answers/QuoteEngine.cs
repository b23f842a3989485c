using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Lexical;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Hybrid passage retrieval: the store's BM25 full-text search and (in embedding mode) cosine similarity of
/// the query to every stored sentence vector, fused by reciprocal rank. A passage is offered only when it
/// contains enough of the query's words or is close enough in meaning; otherwise the answer is empty.
/// </summary>
public sealed class QuoteEngine(
    IDocumentStore store,
    CorpusCache cache,
    ISentenceEmbedder embedder,
    IOptions<TextEngineOptions> options) : IQuoteEngine
{
    public const int MaxCount = 100;
    private const int CandidatePool = 100;
    private const double RrfK = 60;

    private readonly TextEngineOptions _options = options.Value;

    public async Task<QuoteResult> FindQuotesAsync(QuoteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string query = request.Query.Trim();
        CorpusSnapshot snapshot = await cache.GetAsync(cancellationToken);
        if (request.DocumentId is long id && !snapshot.DocumentsById.ContainsKey(id))
        {
            throw new DocumentNotFoundException(id);
        }

        int count = Math.Clamp(request.Count, 1, MaxCount);
        List<Token> queryTokens = Tokenizer.Tokenize(query);
        var content = queryTokens.Where(t => !t.IsStopWord && t.Lower.Length > 1).ToList();
        if (content.Count == 0)
        {
            return new QuoteResult(request.Query, []);
        }

        var queryStems = content.Select(t => t.Stem).Distinct(StringComparer.Ordinal).ToList();
        var terms = content.Select(t => t.Lower).Distinct(StringComparer.Ordinal).ToList();
        (int Start, int Count) scope = request.DocumentId is long doc
            ? snapshot.DocumentRows.GetValueOrDefault(doc)
            : (0, snapshot.Rows.Length);

        // lexical candidates, BM25 order
        IReadOnlyList<SentenceHit> hits = await store.SearchSentencesAsync(terms, request.DocumentId, CandidatePool, cancellationToken);
        var lexicalRank = new Dictionary<int, int>();
        foreach (SentenceHit hit in hits.OrderByDescending(h => h.Score).ThenBy(h => h.DocumentId).ThenBy(h => h.SentenceOrdinal))
        {
            if (snapshot.RowOf(hit.DocumentId, hit.SentenceOrdinal) is int row && !lexicalRank.ContainsKey(row))
            {
                lexicalRank[row] = lexicalRank.Count + 1;
            }
        }

        // dense candidates, cosine order
        var denseRank = new Dictionary<int, int>();
        var cosine = new Dictionary<int, float>();
        bool dense = _options.Mode == EngineMode.Embedding && snapshot.HasVectors && scope.Count > 0 && embedder.IsAvailable;
        if (dense)
        {
            float[] q = embedder.Embed([query], cancellationToken)[0];
            foreach ((int row, float score) in TopBySimilarity(snapshot, q, scope, CandidatePool))
            {
                denseRank[row] = denseRank.Count + 1;
                cosine[row] = score;
            }

            foreach (int row in lexicalRank.Keys)
            {
                if (!cosine.ContainsKey(row) && snapshot.HasVector![row])
                {
                    cosine[row] = VectorMath.Dot(snapshot.VectorOf(row), q);
                }
            }
        }

        var matches = new List<(int Row, double Score)>();
        foreach (int row in lexicalRank.Keys.Union(denseRank.Keys))
        {
            double coverage = Coverage(snapshot.Rows[row].Text, queryStems);
            float similarity = cosine.GetValueOrDefault(row, float.NaN);
            bool answers = coverage >= _options.QuoteMinTermCoverage ||
                           (!float.IsNaN(similarity) && similarity >= _options.QuoteMinSimilarity);
            if (!answers)
            {
                continue;
            }

            double fused = (lexicalRank.TryGetValue(row, out int lr) ? 1 / (RrfK + lr) : 0) +
                           (denseRank.TryGetValue(row, out int dr) ? 1 / (RrfK + dr) : 0);
            matches.Add((row, fused * RrfK));
        }

        var result = matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => snapshot.Rows[m.Row].DocumentId)
            .ThenBy(m => snapshot.Rows[m.Row].Ordinal)
            .Take(count)
            .Select(m => new QuoteMatch(SummaryEngine.Cite(snapshot, m.Row), Math.Round(m.Score, 6)))
            .ToList();
        return new QuoteResult(request.Query, result);
    }

    /// <summary>Share of the query's content stems that occur in the sentence.</summary>
    internal static double Coverage(string sentence, IReadOnlyList<string> queryStems)
    {
        var stems = new HashSet<string>(Tokenizer.Tokenize(sentence).Select(t => t.Stem), StringComparer.Ordinal);
        return queryStems.Count == 0 ? 0 : queryStems.Count(stems.Contains) / (double)queryStems.Count;
    }

    internal static List<(int Row, float Score)> TopBySimilarity(CorpusSnapshot snapshot, float[] query, (int Start, int Count) scope, int k)
    {
        // bounded min-heap of the best k rows
        var heap = new PriorityQueue<int, (float Score, int NegRow)>();
        for (int row = scope.Start; row < scope.Start + scope.Count; row++)
        {
            if (!snapshot.HasVector![row])
            {
                continue;
            }

            float score = VectorMath.Dot(snapshot.VectorOf(row), query);
            if (heap.Count < k)
            {
                heap.Enqueue(row, (score, -row));
            }
            else if (heap.TryPeek(out _, out (float Score, int NegRow) min) && (score > min.Score || (score == min.Score && -row > min.NegRow)))
            {
                heap.DequeueEnqueue(row, (score, -row));
            }
        }

        var result = new List<(int Row, float Score)>(heap.Count);
        while (heap.TryDequeue(out int row, out (float Score, int NegRow) priority))
        {
            result.Add((row, priority.Score));
        }

        result.Reverse();
        return result;
    }
}
