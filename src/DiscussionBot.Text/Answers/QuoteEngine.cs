using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Lexical;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Answers;

/// <summary>
/// Hybrid passage retrieval (see <see cref="RankPassagesAsync"/>) with a calibrated verdict: the first passage's
/// confidence decides between an answer, "the closest passages; none answers directly" and "not in the sources";
/// a query in a language the sources are not written in is told so.
/// </summary>
public sealed class QuoteEngine(
    IDocumentStore store,
    CorpusCache cache,
    ISentenceEmbedder embedder,
    IOptions<TextEngineOptions> options,
    IOptions<QuoteRankingOptions> ranking) : IQuoteEngine
{
    public const int MaxCount = 100;
    private const int CandidatePool = 100;
    private const double RrfK = 60;

    private readonly TextEngineOptions _options = options.Value;
    private readonly QuoteRankingOptions _ranking = ranking.Value;

    public Task<QuoteResult> FindQuotesAsync(QuoteRequest request, CancellationToken cancellationToken) =>
        FindQuotesAsync(request, DocumentScope.OperatorOnly, cancellationToken);

    public async Task<QuoteResult> FindQuotesAsync(QuoteRequest request, DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CorpusSnapshot snapshot = await cache.GetAsync(scope, cancellationToken);
        if (request.DocumentId is long id && !snapshot.DocumentsById.ContainsKey(id))
        {
            throw new DocumentNotFoundException(id);
        }

        if (IsOtherLanguage(snapshot, request.Query))
        {
            return new QuoteResult(request.Query, [], QuoteVerdict.OtherLanguage);
        }

        // read once: the ranking and the absent-name rule below share its tokens and resolved stems
        var words = QueryWords.Read(snapshot, request.Query.Trim());
        IReadOnlyList<RankedPassage> ranked = await RankPassagesAsync(snapshot, words, request.DocumentId, scope, cancellationToken);
        if (ranked.Count == 0)
        {
            return new QuoteResult(request.Query, [], QuoteVerdict.NotInSources);
        }

        PassageFeatures best = ranked[0].Features;
        AbstentionCalibration calibration = double.IsNaN(best.Cosine)
            ? _ranking.Lexical
            : _options.Model == SentenceModel.ArcticXs ? _ranking.ArcticXs : _ranking.MiniLm;
        double confidence = Confidence(best, calibration);
        QuoteVerdict verdict = confidence >= calibration.AnswerThreshold ? QuoteVerdict.Answered
            : confidence >= calibration.ClosestThreshold || (calibration.ClosestDenseZ > 0 && best.DenseZ >= calibration.ClosestDenseZ)
                ? QuoteVerdict.ClosestOnly
            : QuoteVerdict.NotInSources;

        if (!double.IsNaN(best.Cosine) && (calibration.AbsentNameCosine > 0 || calibration.ClosestCosineWithoutWords > 0))
        {
            // the words the ranking resolved, not tokenised and resolved again
            var absent = new AbsentWords(words, embedder.KnowsWord);

            // a name the sources never write ("what did Putin say") cannot be answered by a passage only loosely like it
            if (verdict != QuoteVerdict.NotInSources && best.Cosine < calibration.AbsentNameCosine && absent.HasName())
            {
                verdict = QuoteVerdict.NotInSources;
            }

            // a query word the sources never write can only be matched in meaning: a first passage that holds none of the
            // query's words was found in meaning alone ("crying" or "people crying": a wailing crowd), and its raw cosine
            // says how close it is in a store of any size, where a z-score needs many sentences; unless a word may be a name
            else if (verdict == QuoteVerdict.NotInSources && calibration.ClosestCosineWithoutWords > 0 && best.Coverage <= 0 &&
                     best.Cosine >= (words.Distinct.Count == 1 ? calibration.ClosestCosineWithoutWords : calibration.ClosestCosineWithoutWordsSeveral) &&
                     absent.Words.Count > 0 && !absent.MayHaveName())
            {
                verdict = QuoteVerdict.ClosestOnly;
            }
        }

        IReadOnlyList<QuoteMatch> matches = verdict == QuoteVerdict.NotInSources
            ? []
            : ranked
                .Where((p, i) => i == 0 || ranked[0].Score <= 0 || p.Score >= _ranking.ShownScoreRatio * ranked[0].Score)
                .Take(Math.Clamp(request.Count, 1, MaxCount))
                .Select(p => new QuoteMatch(SummaryEngine.Cite(snapshot, p.Row), Math.Round(p.Score, 6)))
                .ToList();
        return new QuoteResult(request.Query, matches, verdict) { Confidence = Math.Round(confidence, 6) };
    }

    /// <summary>
    /// How sure the engine is that a passage answers: its raw cosine to the query plus a share of the query's
    /// word weight it holds and of its answer-type match. Both are absolute (unlike the z-scores that rank), so one threshold holds for a store
    /// of ten documents and one of thousands. Without vectors, the word share alone.
    /// </summary>
    internal static double Confidence(PassageFeatures first, AbstentionCalibration calibration) =>
        double.IsNaN(first.Cosine)
            ? first.Coverage
            : first.Cosine + (calibration.CoverageWeight * first.Coverage) + (calibration.AnswerTypeWeight * first.AnswerType);

    /// <summary>
    /// Passages for a query, best first: candidates from the store's BM25 and (in embedding mode) from the query's
    /// cosine to every sentence vector, fused as z-scores (each signal in standard deviations above its mean over
    /// the scope, so neither scale dominates); then the best <see cref="QuoteRankingOptions.RerankDepth"/> are
    /// re-ranked with the question's wording (coverage, answer type), their paragraph and document (its BM25, and the
    /// best other candidate it holds).
    /// Headlines are left out, and a sentence found in several documents is kept once.
    /// </summary>
    /// <param name="visible">The snapshot's scope, so the store's full-text search spends its candidates there (operator's when null).</param>
    internal Task<IReadOnlyList<RankedPassage>> RankPassagesAsync(
        CorpusSnapshot snapshot, string query, long? documentId, CancellationToken cancellationToken, DocumentScope? visible = null) =>
        RankPassagesAsync(snapshot, QueryWords.Read(snapshot, query), documentId, visible, cancellationToken);

    /// <inheritdoc cref="RankPassagesAsync(CorpusSnapshot, string, long?, CancellationToken, DocumentScope?)"/>
    private async Task<IReadOnlyList<RankedPassage>> RankPassagesAsync(
        CorpusSnapshot snapshot, QueryWords words, long? documentId, DocumentScope? visible, CancellationToken cancellationToken)
    {
        string query = words.Text;
        List<Token> queryTokens = words.Tokens;
        List<Token> content = words.Content;
        (int Start, int Count) scope = documentId is long doc ? snapshot.DocumentRows.GetValueOrDefault(doc) : (0, snapshot.Rows.Length);
        if (content.Count == 0 || scope.Count == 0)
        {
            return [];
        }

        List<WeightedStem> weightedStems = words.Stems;
        List<string> terms =
        [
            .. SelectSearchTerms(snapshot, content, _ranking.CommonTermShare),
            .. SelectExtraSearchTerms(snapshot, words.ExtraSearchTerms, _ranking.CommonTermShare),
        ];

        // the query is embedded and the vectors scanned while the store runs its full-text search:
        // both are CPU-bound and independent
        bool dense = _options.Mode == EngineMode.Embedding && snapshot.HasVectors && embedder.IsAvailable;
        Task<(float[] Query, SimilarityScan Scan)>? denseTask = dense
            ? Task.Run(
                () =>
                {
                    float[] q = embedder.EmbedQuery(query, cancellationToken);
                    return (q, ScanSimilarity(snapshot, q, scope, CandidatePool));
                },
                cancellationToken)
            : null;

        // the whole-document search for the prior runs beside the sentence search (a SQLite store answers "async"
        // calls synchronously, so without a thread of its own it would wait for the sentence search to finish)
        Task<IReadOnlyList<DocumentHit>>? documentTask = _ranking.DocumentPriorWeight > 0 && documentId is null
            ? Task.Run(() => store.SearchDocumentsAsync(terms, 1000, cancellationToken), cancellationToken)
            : null;
        IReadOnlyList<SentenceHit> hits = documentId is null
            ? await store.SearchSentencesInScopeAsync(terms, visible ?? DocumentScope.OperatorOnly, CandidatePool, cancellationToken)
            : await store.SearchSentencesAsync(terms, documentId, CandidatePool, cancellationToken);

        var bm25 = new Dictionary<int, double>();
        foreach (SentenceHit hit in hits)
        {
            if (snapshot.RowOf(hit.DocumentId, hit.SentenceOrdinal) is int row)
            {
                bm25[row] = Math.Max(bm25.GetValueOrDefault(row), hit.Score);
            }
        }

        // every sentence outside the hits scores 0, so the scope's mean and spread follow from the hits alone
        double lexicalMean = bm25.Values.Sum() / scope.Count;
        double lexicalSpread = Math.Sqrt(Math.Max(1e-12, (bm25.Values.Sum(v => v * v) / scope.Count) - (lexicalMean * lexicalMean)));
        float[]? queryVector = null;
        SimilarityScan similarity = SimilarityScan.None;
        if (denseTask is not null)
        {
            (queryVector, similarity) = await denseTask;
        }

        double Cosine(int row) => queryVector is not null && snapshot.HasVector![row] ? snapshot.Dot(row, queryVector) : double.NaN;
        double LexicalZ(int row) => (bm25.GetValueOrDefault(row) - lexicalMean) / lexicalSpread;
        double DenseZ(double cosine) => double.IsNaN(cosine) ? 0 : (cosine - similarity.Mean) / similarity.Spread;
        double FirstStage(int row) => (_ranking.LexicalWeight * LexicalZ(row)) + (queryVector is null ? 0 : _ranking.DenseWeight * DenseZ(Cosine(row)));

        var firstStage = bm25.Keys.Union(similarity.Top.Select(t => t.Row))
            .Select(row => (Row: row, Score: FirstStage(row)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Row)
            .Take(_ranking.RerankDepth)
            .ToList();

        // the store ranks every document; only those this scope sees may set the scale (another server's must not)
        IReadOnlyList<DocumentHit> documentHits = documentTask is null
            ? []
            : (await documentTask).Where(h => snapshot.DocumentsById.ContainsKey(h.DocumentId)).ToList();
        double bestDocument = documentHits.Count == 0 ? 1 : Math.Max(1e-9, documentHits.Max(h => h.Score));
        var prior = documentHits.ToDictionary(h => h.DocumentId, h => h.Score / bestDocument);

        var queryStems = content.Select(t => t.Stem).ToHashSet(StringComparer.Ordinal);
        var queryWords = queryTokens.Select(t => t.Lower).ToHashSet(StringComparer.Ordinal);
        SnapshotTerms snapshotTerms = snapshot.Terms;
        AnswerKind kind = QuestionCues.KindOf(query);
        Dictionary<long, DocumentLeaders> leaders = DocumentLeaders.Of(snapshot, firstStage);

        var candidates = new List<(int Row, double First, PassageFeatures Features)>(firstStage.Count);
        var paragraphs = new Dictionary<int, (double Cosine, double Coverage)>();
        foreach ((int row, double first) in firstStage)
        {
            SentenceRow sentence = snapshot.Rows[row];
            (int paragraphStart, int paragraphEnd) = ParagraphOf(snapshot, row);
            if (paragraphStart == paragraphEnd && IsHeadline(snapshot, row))
            {
                continue;
            }

            // the paragraph as context: candidates often share one, so each is measured once per query
            if (!paragraphs.TryGetValue(paragraphStart, out (double Cosine, double Coverage) paragraph))
            {
                paragraph = (queryVector is null ? 0 : MeanCosine(snapshot, queryVector, paragraphStart, paragraphEnd),
                             PassageScoring.Coverage(snapshotTerms, paragraphStart, paragraphEnd, weightedStems));
                paragraphs[paragraphStart] = paragraph;
            }

            double cosine = Cosine(row);
            candidates.Add((row, first, new PassageFeatures(
                LexicalZ(row),
                DenseZ(cosine),
                cosine,
                PassageScoring.Coverage(snapshotTerms, row, row, weightedStems),
                QuestionCues.Satisfies(kind, sentence.Text, queryWords, queryStems),
                prior.GetValueOrDefault(sentence.DocumentId),
                paragraph.Cosine,
                paragraph.Coverage,
                leaders[sentence.DocumentId].BestOtherThan(row),
                Math.Log(Math.Max(3, PassageScoring.WordCount(sentence.Text))))));
        }

        var evidence = new PassageEvidence(
            _ranking,
            queryVector is not null,
            PassageScoring.AbsentShare(weightedStems),
            candidates.Where(c => c.Features.Coverage > 0).CountBy(c => snapshot.Rows[c.Row].DocumentId).ToDictionary());
        var ranked = candidates.Select(c => new RankedPassage(c.Row, evidence.Score(c.First, c.Features, snapshot.Rows[c.Row].DocumentId), c.Features)).ToList();
        var shown = new HashSet<string>(StringComparer.Ordinal);

        // one passage per distinct sentence text, the best-scoring copy
        return ranked
            .OrderByDescending(p => p.Score)
            .ThenBy(p => snapshot.Rows[p.Row].DocumentId)
            .ThenBy(p => snapshot.Rows[p.Row].Ordinal)
            .Where(p => shown.Add(PassageScoring.DuplicateKey(snapshot.Rows[p.Row].Text)))
            .ToList();
    }

    /// <summary>The first and last rows of the row's paragraph.</summary>
    private static (int First, int Last) ParagraphOf(CorpusSnapshot snapshot, int row)
    {
        SentenceRow sentence = snapshot.Rows[row];
        bool Same(int other) => other >= 0 && other < snapshot.Rows.Length &&
                                snapshot.Rows[other].DocumentId == sentence.DocumentId &&
                                snapshot.Rows[other].ParagraphNumber == sentence.ParagraphNumber;
        int first = row, last = row;
        while (Same(first - 1))
        {
            first--;
        }

        while (Same(last + 1))
        {
            last++;
        }

        return (first, last);
    }

    /// <summary>Cosine of the query to the mean vector of rows first..last.</summary>
    private static double MeanCosine(CorpusSnapshot snapshot, float[] query, int first, int last)
    {
        float[] sum = new float[snapshot.Dimension];
        for (int r = first; r <= last; r++)
        {
            if (snapshot.HasVector![r])
            {
                snapshot.AddVectorTo(r, sum);
            }
        }

        double norm = Math.Sqrt(VectorMath.Dot(sum, sum));
        return norm <= 0 ? 0 : VectorMath.Dot(sum, query) / norm;
    }

    /// <summary>A line alone in its paragraph that reads as a headline (see <see cref="PassageScoring.IsHeadline"/>).</summary>
    private static bool IsHeadline(CorpusSnapshot snapshot, int row)
    {
        SentenceRow sentence = snapshot.Rows[row];
        string title = snapshot.DocumentsById.TryGetValue(sentence.DocumentId, out DocumentInfo? info) ? info.Title : string.Empty;
        return PassageScoring.IsHeadline(sentence.Text, aloneInParagraph: true, title);
    }

    /// <summary>True when the query is written in a language or script the sources are not written in.</summary>
    private static bool IsOtherLanguage(CorpusSnapshot snapshot, string query)
    {
        (Dictionary<string, int> scripts, bool english) = snapshot.Memo(
            "languages",
            () => Tuple.Create(
                LanguageCheck.Scripts(snapshot.Rows.Select(r => r.Text)),
                LanguageCheck.EnglishShare(snapshot.Rows.Take(2000).Select(r => r.Text)) >= 0.2)).ToValueTuple();
        return snapshot.Rows.Length > 0 && LanguageCheck.IsOtherLanguage(query, scripts, english);
    }

    /// <summary>
    /// Ranks whole documents for a query (evaluation and "which sources discuss X"). Lexical mode: the store's
    /// whole-document BM25 (title and text). Embedding mode: a document's best sentence similarities plus a share
    /// of that BM25 scaled by the query's best (score fusion, <see cref="QuoteRankingOptions.ScoreFusionWeight"/>); with that share at 0,
    /// reciprocal-rank fusion of the signals, weighted by <see cref="QuoteRankingOptions"/>.
    /// </summary>
    internal async Task<IReadOnlyList<(long DocumentId, double Score)>> RankDocumentsAsync(string query, int limit, CancellationToken cancellationToken)
    {
        CorpusSnapshot snapshot = await cache.GetAsync(cancellationToken);
        List<Token> content = Tokenizer.Tokenize(query).Where(t => !t.IsStopWord && t.Lower.Length > 1).ToList();
        if (content.Count == 0)
        {
            return [];
        }

        IReadOnlyList<SentenceHit> hits = _ranking.DocumentSentenceLexicalWeight > 0
            ? await store.SearchSentencesAsync(content.Select(t => t.Lower).Distinct(StringComparer.Ordinal).ToList(), null, 2000, cancellationToken)
            : [];
        var lexical = hits
            .GroupBy(h => h.DocumentId)
            .Select(g => (Id: g.Key, Score: g.Select(h => h.Score).OrderDescending().Take(_ranking.LexicalDepth).Select((v, i) => v / Math.Pow(i + 1, _ranking.LexicalDecay)).Sum()))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id)
            .Select(x => x.Id)
            .ToList();
        var fused = new Dictionary<long, double>();
        for (int i = 0; i < lexical.Count; i++)
        {
            fused[lexical[i]] = _ranking.DocumentSentenceLexicalWeight / (RrfK + i + 1);
        }

        IReadOnlyList<DocumentHit> documentHits = [];
        if (_ranking.DocumentLexicalWeight > 0 || _ranking.ScoreFusionWeight > 0)
        {
            // BM25 over each whole document (title and text), the store's document index
            documentHits = await store.SearchDocumentsAsync(
                content.Select(t => t.Lower).Distinct(StringComparer.Ordinal).ToList(), 1000, cancellationToken);
            var byDocument = documentHits.OrderByDescending(h => h.Score).ThenBy(h => h.DocumentId).ToList();
            for (int i = 0; i < byDocument.Count; i++)
            {
                fused[byDocument[i].DocumentId] = fused.GetValueOrDefault(byDocument[i].DocumentId) + (_ranking.DocumentLexicalWeight / (RrfK + i + 1));
            }
        }

        if (_options.Mode == EngineMode.Embedding && snapshot.HasVectors && embedder.IsAvailable)
        {
            float[] q = embedder.EmbedQuery(query, cancellationToken);
            var dense = new List<(long Id, double Score)>();
            var centroid = new List<(long Id, double Score)>();
            Dictionary<long, double> centroidNorms = snapshot.Memo("centroid-norms", () => CentroidNorms(snapshot));
            foreach ((long id, (int start, int count)) in snapshot.DocumentRows)
            {
                float best = -1;
                float second = -1;
                double sum = 0;
                for (int row = start; row < start + count; row++)
                {
                    if (!snapshot.HasVector![row])
                    {
                        continue;
                    }

                    float score = snapshot.Dot(row, q);
                    sum += score;
                    if (score > best)
                    {
                        second = best;
                        best = score;
                    }
                    else if (score > second)
                    {
                        second = score;
                    }
                }

                dense.Add((id, best + (_ranking.DenseSecondWeight * Math.Max(0, second))));
                centroid.Add((id, sum / Math.Max(1e-9, centroidNorms.GetValueOrDefault(id))));
            }

            if (_ranking.ScoreFusionWeight > 0)
            {
                // fusion of scores rather than ranks: similarity + share × BM25 scaled by the query's best document.
                // SciFact dev nDCG@10: share 0.2 → 0.729, 0.3 → 0.745, 0.4 → 0.748, 0.5 → 0.737, 0.7 → 0.735;
                // rank fusion of the same signals at best 0.719.
                double top = documentHits.Count == 0 ? 1 : Math.Max(1e-9, documentHits.Max(h => h.Score));
                var bm25 = documentHits.ToDictionary(h => h.DocumentId, h => h.Score / top);
                return dense.Select(d => (d.Id, Score: d.Score + (_ranking.ScoreFusionWeight * bm25.GetValueOrDefault(d.Id))))
                    .OrderByDescending(d => d.Score).ThenBy(d => d.Id).Take(limit).ToList();
            }

            var byCentroid = centroid.OrderByDescending(d => d.Score).ThenBy(d => d.Id).Take(1000).ToList();
            for (int i = 0; i < byCentroid.Count; i++)
            {
                fused[byCentroid[i].Id] = fused.GetValueOrDefault(byCentroid[i].Id) + (_ranking.CentroidWeight / (RrfK + i + 1));
            }

            var ranked = dense.OrderByDescending(d => d.Score).ThenBy(d => d.Id).Take(1000).ToList();
            for (int i = 0; i < ranked.Count; i++)
            {
                fused[ranked[i].Id] = fused.GetValueOrDefault(ranked[i].Id) + (_ranking.DocumentDenseWeight / (RrfK + i + 1));
            }
        }

        return fused.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(limit).Select(p => (p.Key, p.Value * RrfK)).ToList();
    }

    private static Dictionary<long, double> CentroidNorms(CorpusSnapshot snapshot)
    {
        var norms = new Dictionary<long, double>();
        float[] sum = new float[snapshot.Dimension];
        foreach ((long id, (int start, int count)) in snapshot.DocumentRows)
        {
            Array.Clear(sum);
            for (int row = start; row < start + count; row++)
            {
                if (snapshot.HasVector![row])
                {
                    snapshot.AddVectorTo(row, sum);
                }
            }

            norms[id] = Math.Sqrt(VectorMath.Dot(sum, sum));
        }

        return norms;
    }

    /// <summary>
    /// The words sent to full-text search. Words found in more than <paramref name="commonTermShare"/> of the
    /// corpus's sentences add little to BM25 but make the search scan long posting lists, so they are left
    /// out when rarer words remain (the three rarest are always kept).
    /// </summary>
    internal static List<string> SelectSearchTerms(CorpusSnapshot snapshot, List<Token> content, double commonTermShare)
    {
        var words = content.DistinctBy(t => t.Lower, StringComparer.Ordinal).ToList();
        SnapshotTerms terms = snapshot.Terms;
        int limit = CommonLimit(snapshot, commonTermShare);
        var ranked = words.OrderBy(t => terms.FrequencyOf(t.Stem)).ThenBy(t => t.Lower, StringComparer.Ordinal).ToList();
        return ranked
            .Where((t, i) => i < 3 || terms.FrequencyOf(t.Stem) <= limit)
            .Select(t => t.Lower)
            .ToList();
    }

    /// <summary>
    /// The other forms of the query's words (<see cref="QueryWords.ExtraSearchTerms"/>) sent to full-text search, by
    /// the same rule: a single word in more than <paramref name="commonTermShare"/> of the sentences ("said" for "say")
    /// is left out, though a sentence holding it still counts as holding the query word; a split word's two-word phrase
    /// is always sent.
    /// </summary>
    internal static IEnumerable<string> SelectExtraSearchTerms(CorpusSnapshot snapshot, IEnumerable<string> extras, double commonTermShare)
    {
        int limit = CommonLimit(snapshot, commonTermShare);
        return extras.Where(t => t.Contains(' ', StringComparison.Ordinal) || snapshot.Terms.FrequencyOf(Tokenizer.StemOf(t)) <= limit);
    }

    private static int CommonLimit(CorpusSnapshot snapshot, double commonTermShare) => Math.Max(50, (int)(snapshot.Rows.Length * commonTermShare));

    internal static List<(int Row, float Score)> TopBySimilarity(CorpusSnapshot snapshot, float[] query, (int Start, int Count) scope, int k) =>
        ScanSimilarity(snapshot, query, scope, k).Top;

    /// <summary>
    /// The best <paramref name="k"/> rows by cosine, and the mean and spread of the cosine over the whole scope. The
    /// cosines are computed in one pass over the scope's vectors (<see cref="CorpusSnapshot.DotRows"/>) into a pooled buffer.
    /// </summary>
    internal static SimilarityScan ScanSimilarity(CorpusSnapshot snapshot, float[] query, (int Start, int Count) scope, int k)
    {
        float[] scores = System.Buffers.ArrayPool<float>.Shared.Rent(scope.Count);
        try
        {
            snapshot.DotRows(scope.Start, query, scores.AsSpan(0, scope.Count));
            return ScanScores(snapshot, scores, scope, k);
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(scores);
        }
    }

    private static SimilarityScan ScanScores(CorpusSnapshot snapshot, float[] scores, (int Start, int Count) scope, int k)
    {
        double sum = 0, squares = 0;
        int scanned = 0;
        // bounded min-heap of the best k rows
        var heap = new PriorityQueue<int, (float Score, int NegRow)>();
        for (int row = scope.Start; row < scope.Start + scope.Count; row++)
        {
            if (!snapshot.HasVector![row])
            {
                continue;
            }

            float score = scores[row - scope.Start];
            sum += score;
            squares += score * (double)score;
            scanned++;
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
        double mean = scanned == 0 ? 0 : sum / scanned;
        double spread = scanned == 0 ? 1 : Math.Sqrt(Math.Max(1e-12, (squares / scanned) - (mean * mean)));
        return new SimilarityScan(result, mean, spread);
    }
}

/// <summary>The best rows of a similarity scan, and the cosine's mean and spread over the scanned scope.</summary>
internal sealed record SimilarityScan(List<(int Row, float Score)> Top, double Mean, double Spread)
{
    public static SimilarityScan None { get; } = new([], 0, 1);
}
