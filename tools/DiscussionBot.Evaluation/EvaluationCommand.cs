using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Evaluation;

/// <summary>
/// The evaluation tool: runs the engine over a public evaluation set and writes predictions in the
/// scorers' JSONL formats. <c>summarization|keyphrase|retrieval|quotes ...</c>; see <see cref="Usage"/>.
/// Tuning flags build the run's own options records; nothing global is changed.
/// </summary>
public static partial class EvaluationCommand
{
    public const string Usage =
        """
        Usage: dotnet run -c Release --project tools/DiscussionBot.Evaluation -- <task> [options]
        summarization --data <articles.jsonl> --out <pred.jsonl> [--sentences 3] [--mode lexical|embedding] [--titles 0|1|2] [--lead-share 0.8] [--headline-lead-share 0.4] [--referent-sentences 2] [--trim-connectives 1]
        keyphrase     --data <docs.jsonl> --out <pred.jsonl> [--top 15] [--mode lexical|embedding] [--idf set|none]
        retrieval     --corpus <corpus.jsonl> --queries <queries.jsonl> --out <run.jsonl> [--mode ...] [--vectors <cache.bin>]
        quotes        --corpus <corpus.jsonl> --queries <queries.jsonl> --out <run.jsonl> [--mode ...] [--vectors <cache.bin>] [--features <file>]
                      (retrieval and quotes: [--store sqlite|memory|postgres --postgres <connection string to a server>];
                      postgres builds the store in a new database on that server, dropped afterwards)
        themes        --store <store.jsonl> --articles <articles.jsonl> --out <pred.json> [--mode ...] [--vectors <cache.bin>] [--max-themes 8] [--outlier-fit 0.65] [--own-theme-length 2]
                      (summarization, keyphrase, retrieval, quotes also take --model ArcticXs|MiniLM; retrieval and quotes
                      also --set Engine:Quotes:<Key>=<value>, over the tuning flags, as answers does)
        """ + AnswerEvaluation.Usage;

    /// <param name="args">What follows <c>eval</c> on the command line.</param>
    /// <returns>The process exit code: 0 on success, 2 on bad usage.</returns>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        Dictionary<string, string> options = EvaluationData.ParseOptions(args.Skip(1).ToArray());
        try
        {
            return args[0] switch
            {
                "summarization" => await SummarizationAsync(options, cancellationToken),
                "keyphrase" => await KeyphraseAsync(options, cancellationToken),
                "retrieval" => await RetrievalAsync(options, documents: true, EvaluationData.Repeated(args, "--set"), cancellationToken),
                "quotes" => await RetrievalAsync(options, documents: false, EvaluationData.Repeated(args, "--set"), cancellationToken),
                "themes" => await ThemesAsync(options, cancellationToken),
                "answers" => await AnswerEvaluation.RunAsync(options, EvaluationData.Repeated(args, "--set"), cancellationToken),
                _ => await UsageErrorAsync($"unknown evaluation '{args[0]}'"),
            };
        }
        catch (KeyNotFoundException ex)
        {
            return await UsageErrorAsync(ex.Message);
        }
    }

    private static async Task<int> UsageErrorAsync(string message)
    {
        await Console.Error.WriteLineAsync($"eval: {message}\n{Usage}");
        return 2;
    }

    private static EngineMode ModeOf(Dictionary<string, string> options) =>
        options.TryGetValue("mode", out string? mode) && mode.Equals("embedding", StringComparison.OrdinalIgnoreCase)
            ? EngineMode.Embedding
            : EngineMode.Lexical;

    private static double Number(Dictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out string? value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The run's engine options from --mode, --model and --threads.</summary>
    private static TextEngineOptions EngineOptionsOf(Dictionary<string, string> options) => new()
    {
        Mode = ModeOf(options),
        Model = options.TryGetValue("model", out string? model) ? Enum.Parse<SentenceModel>(model, ignoreCase: true) : new TextEngineOptions().Model,
        EmbeddingThreads = (int)Number(options, "threads", 1),
    };

    private static OnnxSentenceEmbedder CreateEmbedder(Dictionary<string, string> options) =>
        new(Options.Create(EngineOptionsOf(options)), NullLogger<OnnxSentenceEmbedder>.Instance);

    private static async Task<int> SummarizationAsync(Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        int k = (int)Number(options, "sentences", 3);
        EngineMode mode = ModeOf(options);
        var settings = new RankerSettings(
            PositionWeight: Number(options, "position-weight", RankerSettings.Default.PositionWeight),
            LengthWeight: Number(options, "length-weight", RankerSettings.Default.LengthWeight),
            EmbeddingShare: Number(options, "embedding-share", RankerSettings.Default.EmbeddingShare),
            EdgeThreshold: Number(options, "edge-threshold", RankerSettings.Default.EdgeThreshold),
            LongPositionWeight: Number(options, "long-position-weight", RankerSettings.Default.LongPositionWeight),
            LongLengthWeight: Number(options, "long-length-weight", RankerSettings.Default.LongLengthWeight),
            LongFrom: (int)Number(options, "long-from", RankerSettings.Default.LongFrom),
            LongTo: (int)Number(options, "long-to", RankerSettings.Default.LongTo),
            DatelineMarksNews: Number(options, "dateline-news", 1) > 0);
        var summaryOptions = new SummaryOptions
        {
            RedundancyFloor = Number(options, "redundancy-floor", SummaryOptions.Default.RedundancyFloor),
            LeadShare = Number(options, "lead-share", SummaryOptions.Default.LeadShare),
            HeadlineLeadShare = Number(options, "headline-lead-share", SummaryOptions.Default.HeadlineLeadShare),
            ReferentSentences = (int)Number(options, "referent-sentences", SummaryOptions.Default.ReferentSentences),
            TrimConnectives = Number(options, "trim-connectives", SummaryOptions.Default.TrimConnectives ? 1 : 0) > 0,
        };
        // --titles 1: the title line above the text, as a stored document has it (the segmenter makes it the title, never
        // quoted); --titles 2: the title known apart from the text, as a seed's metadata title is
        int titles = (int)Number(options, "titles", 0);
        bool withTitle = titles == 1;
        using OnnxSentenceEmbedder embedder = CreateEmbedder(options);
        var segmenter = new TextSegmenter();
        var rows = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        var articles = EvaluationData.ReadJsonl(EvaluationData.Required(options, "data"))
            .Select(a => (Article: a, Segmentation: segmenter.Segment(SourceFileReader.NormalizeText(ArticleText(a, withTitle)))))
            .ToList();
        float[][]? allVectors = null;
        if (mode == EngineMode.Embedding)
        {
            var all = articles.SelectMany(a => a.Segmentation.Sentences.Select(s => s.Text)).ToList();
            allVectors = LoadVectors(options.GetValueOrDefault("vectors"), all.Count) ?? embedder.Embed(all, cancellationToken);
            SaveVectors(options.GetValueOrDefault("vectors"), allVectors);
        }

        int offset = 0;
        int danglingSummaries = 0;
        foreach ((JsonObject article, Segmentation segmentation) in articles)
        {
            var texts = segmentation.Sentences.Select(s => s.Text).ToList();
            var quotable = segmentation.Sentences.Select(s => s.IsQuotable).ToList();
            float[][]? vectors = allVectors is null || texts.Count == 0 ? null : allVectors[offset..(offset + texts.Count)];
            offset += texts.Count;
            float[] salience = SentenceRanker.Rank(texts, quotable, vectors, settings, TextSegmenter.OpensWithDateline(segmentation));
            IReadOnlyList<string>? headline = titles == 2 && article["title"]?.GetValue<string>() is { Length: > 0 } title ? [title] : null;
            IReadOnlyList<int> chosen = ExtractiveSummarizer.Select(texts, quotable, salience, vectors, k, summaryOptions, headline);
            // what a reader is shown: a sentence opening with a connective it does not follow starts after it
            int[] from = ExtractiveSummarizer.ShownFrom(chosen, chosen.Select(i => texts[i]).ToList(), summaryOptions);
            // a reader's check: a shown sentence opening with "It/He/This/But…" that does not follow the sentence before it
            bool dangling = chosen.Where((i, n) => Openers.Kind(texts[i][from[n]..]) != PointingBack.None && (n == 0 || chosen[n - 1] != i - 1)).Any();
            danglingSummaries += dangling ? 1 : 0;
            rows.Add(new JsonObject
            {
                ["id"] = article["id"]!.DeepClone(),
                ["sentences"] = new JsonArray(chosen.Select((i, n) => (JsonNode)JsonValue.Create(texts[i][from[n]..])).ToArray()),
            });
        }

        await EvaluationData.WriteJsonlAsync(EvaluationData.Required(options, "out"), rows, cancellationToken);
        await Console.Out.WriteLineAsync(
            $"summarization: {rows.Count} articles, K={k}, mode {mode}, {clock.Elapsed.TotalSeconds:F1} s; " +
            $"{danglingSummaries} summaries ({100.0 * danglingSummaries / Math.Max(1, rows.Count):F1} %) show a sentence pointing back to one not shown before it");
        return 0;
    }

    private static string ArticleText(JsonObject article, bool withTitle) =>
        withTitle && article["title"]?.GetValue<string>() is { Length: > 0 } title ? $"{title}\n\n{(string)article["text"]!}" : (string)article["text"]!;

    private static async Task<int> KeyphraseAsync(Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        int top = (int)Number(options, "top", 15);
        EngineMode mode = ModeOf(options);
        bool useIdf = !options.TryGetValue("idf", out string? idfOption) || idfOption != "none";
        var keyPhraseOptions = new KeyPhraseOptions
        {
            FrequencyWeight = Number(options, "frequency-weight", KeyPhraseOptions.Default.FrequencyWeight),
            SingleWordFactor = Number(options, "single-word", KeyPhraseOptions.Default.SingleWordFactor),
        };
        using OnnxSentenceEmbedder embedder = CreateEmbedder(options);
        var segmenter = new TextSegmenter();
        var documents = EvaluationData.ReadJsonl(EvaluationData.Required(options, "data")).ToList();
        var segmented = documents
            .Select(d => segmenter.Segment(SourceFileReader.NormalizeText((string)d["text"]!)))
            .ToList();
        var headings = segmented.Select(TextSegmenter.Heading).ToList();
        var bodies = segmented.Select(s => s.Sentences.Where(x => x.IsQuotable).Select(x => x.Text).ToList()).ToList();

        // document frequency over the set itself: the engine sees only the corpus it is given
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (List<string> sentences in bodies)
        {
            foreach (string stem in sentences.SelectMany(Tokenizer.ContentStems).Distinct(StringComparer.Ordinal))
            {
                df[stem] = df.GetValueOrDefault(stem) + 1;
            }
        }

        double Idf(string stem) => Math.Log(1 + (documents.Count / (1.0 + df.GetValueOrDefault(stem))));
        var rows = new List<JsonObject>();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < documents.Count; i++)
        {
            List<string> sentences = bodies[i];
            IReadOnlyList<KeyPhrase> phrases = KeyPhraseExtractor.Extract(
                sentences, useIdf ? Idf : null, mode == EngineMode.Embedding ? Math.Max(top, 30) : top, keyPhraseOptions, headings[i]);
            if (mode == EngineMode.Embedding && phrases.Count > 1 && sentences.Count > 0)
            {
                float[] document = VectorMath.Mean(embedder.Embed(sentences, cancellationToken), 384);
                phrases = DocumentAnalyzer.EmbedRank(phrases, document, embedder, cancellationToken);
            }

            rows.Add(new JsonObject
            {
                ["id"] = documents[i]["id"]!.DeepClone(),
                ["keyphrases"] = new JsonArray(phrases.Take(top).Select(p => (JsonNode)JsonValue.Create(p.Phrase)).ToArray()),
            });
        }

        await EvaluationData.WriteJsonlAsync(EvaluationData.Required(options, "out"), rows, cancellationToken);
        await Console.Out.WriteLineAsync($"keyphrase: {rows.Count} documents, top {top}, mode {mode}, idf {useIdf}, {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static async Task<int> RetrievalAsync(Dictionary<string, string> options, bool documents, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        EngineMode mode = ModeOf(options);
        using OnnxSentenceEmbedder embedder = CreateEmbedder(options);
        var clock = Stopwatch.StartNew();
        var corpus = EvaluationData.ReadJsonl(EvaluationData.Required(options, "corpus")).ToList();

        // index each abstract's given sentences as they are, so "docid:index" ids line up with the qrels
        var prepared = new List<(SourceDocument Document, List<string> Sentences)>();
        long nextId = 1;
        var externalIds = new Dictionary<long, string>();
        foreach (JsonObject row in corpus)
        {
            string externalId = (string)row["_id"]!;
            List<string> sentences = row["sentences"] is JsonArray given
                ? given.Select(s => ((string?)s ?? string.Empty).Trim()).ToList()
                : [((string)row["text"]!).Trim()];
            string title = (string?)row["title"] ?? externalId;
            if (documents && title.Length > 0)
            {
                // document retrieval reads title and abstract, as the baselines do; quote ids stay as given
                sentences.Add(title.Trim());
            }

            long id = nextId++;
            externalIds[id] = externalId;
            prepared.Add((BuildDocument(id, externalId, title, sentences), sentences));
        }

        float[][]? vectors = null;
        if (mode == EngineMode.Embedding)
        {
            // sentence vectors are cached apart from title vectors so both runs share the expensive part
            var given = prepared.SelectMany(p => documents ? p.Sentences.SkipLast(1) : p.Sentences).ToList();
            string? cachePath = options.GetValueOrDefault("vectors");
            float[][] sentenceVectors = LoadVectors(cachePath, given.Count) ?? embedder.Embed(given, cancellationToken);
            SaveVectors(cachePath, sentenceVectors);
            if (documents)
            {
                var titles = prepared.Select(p => p.Sentences[^1]).ToList();
                string? titlePath = cachePath is null ? null : cachePath + ".titles";
                float[][] titleVectors = LoadVectors(titlePath, titles.Count) ?? embedder.Embed(titles, cancellationToken);
                SaveVectors(titlePath, titleVectors);
                var merged = new List<float[]>();
                int s = 0;
                for (int d = 0; d < prepared.Count; d++)
                {
                    int own = prepared[d].Sentences.Count - 1;
                    merged.AddRange(sentenceVectors[s..(s + own)]);
                    merged.Add(titleVectors[d]);
                    s += own;
                }

                vectors = [.. merged];
            }
            else
            {
                vectors = sentenceVectors;
            }
        }

        var analysed = new List<(SourceDocument Document, DocumentAnalysis Analysis)>(prepared.Count);
        int offset = 0;
        foreach ((SourceDocument document, List<string> sentences) in prepared)
        {
            float[][]? documentVectors = vectors?[offset..(offset + sentences.Count)];
            offset += sentences.Count;
            analysed.Add((document, new DocumentAnalysis(new float[sentences.Count], documentVectors, [])));
        }

        using TemporaryStore store = options.GetValueOrDefault("store") switch
        {
            "memory" => TemporaryStore.InMemory(analysed),
            "postgres" => await TemporaryStore.PostgresAsync(analysed, EvaluationData.Required(options, "postgres"), cancellationToken),
            _ => await TemporaryStore.SqliteAsync(analysed, cancellationToken),
        };
        externalIds = store.ExternalIds;

        double indexSeconds = clock.Elapsed.TotalSeconds;
        TextEngineOptions engineOptions = EngineOptionsOf(options);
        QuoteRankingOptions defaults = QuoteRankingOptions.Default;
        var ranking = new QuoteRankingOptions
        {
            LexicalWeight = Number(options, "lexical-weight", defaults.LexicalWeight),
            DenseWeight = Number(options, "dense-weight", defaults.DenseWeight),
            CoverageWeight = Number(options, "coverage-weight", defaults.CoverageWeight),
            ParagraphDenseWeight = Number(options, "paragraph-dense-weight", defaults.ParagraphDenseWeight),
            ParagraphCoverageWeight = Number(options, "paragraph-coverage-weight", defaults.ParagraphCoverageWeight),
            AnswerTypeWeight = Number(options, "answer-type-weight", defaults.AnswerTypeWeight),
            RerankDepth = (int)Number(options, "rerank-depth", defaults.RerankDepth),

            // ranking is measured here, not abstention: every query gets its passages
            MiniLm = new AbstentionCalibration { AnswerThreshold = -1000, ClosestThreshold = -1000 },
            ArcticXs = new AbstentionCalibration { AnswerThreshold = -1000, ClosestThreshold = -1000 },
            Lexical = new AbstentionCalibration { AnswerThreshold = -1000, ClosestThreshold = -1000 },
            ShownScoreRatio = 0,
            CentroidWeight = Number(options, "centroid-weight", defaults.CentroidWeight),
            DocumentDenseWeight = Number(options, "document-dense-weight", defaults.DocumentDenseWeight),
            DocumentLexicalWeight = Number(options, "document-lexical-weight", defaults.DocumentLexicalWeight),
            DocumentSentenceLexicalWeight = Number(options, "document-sentence-weight", defaults.DocumentSentenceLexicalWeight),
            DenseSecondWeight = Number(options, "dense-second-weight", defaults.DenseSecondWeight),
            ScoreFusionWeight = Number(options, "score-fusion-weight", defaults.ScoreFusionWeight),
            DocumentPriorWeight = Number(options, "document-prior-weight", defaults.DocumentPriorWeight),
            DocumentContextWeight = Number(options, "document-context-weight", defaults.DocumentContextWeight),
            CommonTermShare = Number(options, "common-term-share", defaults.CommonTermShare),
            LexicalDepth = (int)Number(options, "lexical-depth", defaults.LexicalDepth),
            LexicalDecay = Number(options, "lexical-decay", defaults.LexicalDecay),
        };
        if (settings.Count > 0)
        {
            // --set Engine:Quotes:<Key>=<value> as for `answers`, over the values above
            var configuration = new Dictionary<string, string?>();
            EvaluationData.AddSettings(configuration, settings);
            new ConfigurationBuilder().AddInMemoryCollection(configuration).Build().GetSection(QuoteRankingOptions.SectionName).Bind(ranking);
        }

        // the engines come from the text engine's own registration, over this run's store and options
        await using ServiceProvider services = EngineServices(store, embedder, engineOptions, ranking);
        var cache = services.GetRequiredService<CorpusCache>();
        var engine = (QuoteEngine)services.GetRequiredService<IQuoteEngine>();
        var rows = new List<JsonObject>();
        var latencies = new List<double>();

        // as the bot does after ingestion: load the snapshot and its word statistics, and the model, before timing
        await cache.WarmUpAsync(cancellationToken);
        await engine.FindQuotesAsync(new QuoteRequest("warm up", null, 1), cancellationToken);
        await using StreamWriter? features = !documents && options.TryGetValue("features", out string? featurePath) ? new StreamWriter(featurePath) : null;
        foreach (JsonObject query in EvaluationData.ReadJsonl(EvaluationData.Required(options, "queries")))
        {
            if (features is not null)
            {
                await features.WriteLineAsync(await CandidateFeatures.LineAsync(
                    services, query["_id"]!, (string)query["text"]!, c => $"{externalIds[c.DocumentId]}:{c.Ordinal}", cancellationToken));
            }

            long started = Stopwatch.GetTimestamp();
            string text = (string)query["text"]!;
            IEnumerable<(string Id, double Score)> ranked;
            if (documents)
            {
                IReadOnlyList<(long DocumentId, double Score)> found = await engine.RankDocumentsAsync(text, 100, cancellationToken);
                ranked = found.Select(d => (externalIds[d.DocumentId], d.Score));
            }
            else
            {
                QuoteResult result = await engine.FindQuotesAsync(new QuoteRequest(text, null, QuoteEngine.MaxCount), cancellationToken);
                ranked = result.Matches.Select(m => ($"{externalIds[m.Sentence.Citation.DocumentId]}:{m.Sentence.Citation.SentenceOrdinal}", m.Score));
            }

            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            rows.Add(new JsonObject
            {
                ["id"] = query["_id"]!.DeepClone(),
                ["results"] = new JsonArray(ranked.Take(100).Select(r => (JsonNode)new JsonArray(r.Id, Math.Round(r.Score, 6))).ToArray()),
            });
        }

        await EvaluationData.WriteJsonlAsync(EvaluationData.Required(options, "out"), rows, cancellationToken);
        if (options.ContainsKey("bench"))
        {
            await BenchAsync(store, cache, services, cancellationToken);
            await BenchQuotePartsAsync(store, cache, embedder, EvaluationData.ReadJsonl(EvaluationData.Required(options, "queries")).Select(q => (string)q["text"]!).ToList(), cancellationToken);
        }

        latencies.Sort();
        await Console.Out.WriteLineAsync(
            $"{(documents ? "retrieval" : "quotes")}: {corpus.Count} documents, {prepared.Sum(p => p.Sentences.Count)} sentences, mode {mode}, " +
            $"store {store.Kind}, index {indexSeconds:F1} s, {rows.Count} queries, p50 {latencies[latencies.Count / 2]:F1} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F1} ms, " +
            $"working set {Environment.WorkingSet / (1024 * 1024)} MB");
        return 0;
    }

    /// <summary>Times the other commands over the same store: per-document summary and themes, whole-store ones cold and warm.</summary>
    private static async Task BenchAsync(TemporaryStore store, CorpusCache cache, IServiceProvider services, CancellationToken cancellationToken)
    {
        var summaries = services.GetRequiredService<ISummaryEngine>();
        var themes = services.GetRequiredService<IThemeEngine>();
        IReadOnlyList<DocumentInfo> all = await store.Documents.ListDocumentsAsync(cancellationToken);
        var sample = all.Where((_, i) => i % Math.Max(1, all.Count / 200) == 0).Take(200).ToList();
        var summaryTimes = new List<double>();
        var themeTimes = new List<double>();
        foreach (DocumentInfo document in sample)
        {
            long started = Stopwatch.GetTimestamp();
            await summaries.SummarizeAsync(new SummaryRequest(document.Id, SummaryLength.Medium), cancellationToken);
            summaryTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            await themes.FindThemesAsync(document.Id, cancellationToken);
            themeTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        long t0 = Stopwatch.GetTimestamp();
        await summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Medium), cancellationToken);
        double storeSummaryCold = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        await summaries.SummarizeAsync(new SummaryRequest(null, SummaryLength.Medium), cancellationToken);
        double storeSummaryWarm = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        await themes.FindThemesAsync(null, cancellationToken);
        double storeThemesCold = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        t0 = Stopwatch.GetTimestamp();
        await themes.FindThemesAsync(null, cancellationToken);
        double storeThemesWarm = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        summaryTimes.Sort();
        themeTimes.Sort();

        // where a quote's time goes: the store's full-text search alone
        var searchTimes = new List<double>();
        foreach (string query in BenchQueries)
        {
            var terms = Tokenizer.Tokenize(query).Where(t => !t.IsStopWord && t.Lower.Length > 1).Select(t => t.Lower).Distinct().ToList();
            long s0 = Stopwatch.GetTimestamp();
            await store.Documents.SearchSentencesAsync(terms, null, 100, cancellationToken);
            searchTimes.Add(Stopwatch.GetElapsedTime(s0).TotalMilliseconds);
        }

        searchTimes.Sort();
        await Console.Out.WriteLineAsync($"bench: store full-text search alone p50 {searchTimes[searchTimes.Count / 2]:F1} ms max {searchTimes[^1]:F1} ms");
        await Console.Out.WriteLineAsync(
            $"bench: {sample.Count} documents; summary p50 {summaryTimes[summaryTimes.Count / 2]:F1} ms p99 {summaryTimes[(int)(summaryTimes.Count * 0.99)]:F1} ms; " +
            $"themes p50 {themeTimes[themeTimes.Count / 2]:F1} ms p99 {themeTimes[(int)(themeTimes.Count * 0.99)]:F1} ms; " +
            $"whole-store summary cold {storeSummaryCold:F0} ms warm {storeSummaryWarm:F1} ms; whole-store themes cold {storeThemesCold:F0} ms warm {storeThemesWarm:F1} ms");
    }

    /// <summary>Times the parts of a quote lookup separately over the real queries: FTS, query embedding, vector scan.</summary>
    private static async Task BenchQuotePartsAsync(TemporaryStore store, CorpusCache cache, OnnxSentenceEmbedder embedder, List<string> queries, CancellationToken cancellationToken)
    {
        CorpusSnapshot snapshot = await cache.GetAsync(cancellationToken);
        var fts = new List<double>();
        var embed = new List<double>();
        var scan = new List<double>();
        var revision = new List<double>();
        foreach (string query in queries)
        {
            var terms = Tokenizer.Tokenize(query).Where(t => !t.IsStopWord && t.Lower.Length > 1).Select(t => t.Lower).Distinct().ToList();
            long t0 = Stopwatch.GetTimestamp();
            await store.Documents.SearchSentencesAsync(terms, null, 100, cancellationToken);
            fts.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            if (snapshot.HasVectors && embedder.IsAvailable)
            {
                t0 = Stopwatch.GetTimestamp();
                float[] q = embedder.EmbedQuery(query, cancellationToken);
                embed.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                t0 = Stopwatch.GetTimestamp();
                QuoteEngine.TopBySimilarity(snapshot, q, (0, snapshot.Rows.Length), 100);
                scan.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }

            t0 = Stopwatch.GetTimestamp();
            await cache.GetAsync(cancellationToken);
            revision.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        static string P(List<double> xs)
        {
            if (xs.Count == 0)
            {
                return "-";
            }

            xs.Sort();
            return $"p50 {xs[xs.Count / 2]:F1} p99 {xs[(int)(xs.Count * 0.99)]:F1} ms";
        }

        await Console.Out.WriteLineAsync($"bench quote parts over {queries.Count} queries: FTS {P(fts)}; query embedding {P(embed)}; vector scan {P(scan)}; revision check {P(revision)}");
    }

    private static readonly string[] BenchQueries =
    [
        "cells", "patients with cancer", "protein expression in the brain", "risk of death", "gene mutation causes disease",
        "vitamin D deficiency", "children", "increased levels of inflammation", "mice treated with the drug", "the effect of exercise on health",
    ];

    /// <summary>The text engine's registration (as the app makes it) over an evaluation store and this run's options.</summary>
    private static ServiceProvider EngineServices(TemporaryStore store, ISentenceEmbedder embedder, TextEngineOptions engine, QuoteRankingOptions ranking)
    {
        var services = new ServiceCollection();
        services.AddSingleton(store.Documents);
        services.AddSingleton(store.Analyses);
        services.AddSingleton<ISentenceEmbedder>(embedder);
        services.AddSingleton(Options.Create(engine));
        services.AddSingleton(Options.Create(ranking));
        services.AddTextEngine();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static SourceDocument BuildDocument(long id, string externalId, string title, List<string> sentences)
    {
        var text = new System.Text.StringBuilder();
        var list = new List<Sentence>();
        for (int i = 0; i < sentences.Count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            list.Add(new Sentence(i, 1, text.Length, sentences[i].Length, sentences[i], IsQuotable: sentences[i].Length > 0));
            text.Append(sentences[i]);
        }

        var info = new DocumentInfo(id, externalId, title, string.Empty, text.Length, 1, sentences.Count, DateTimeOffset.UnixEpoch);
        return new SourceDocument(info, text.ToString(), [new Paragraph(1, 0, text.Length, false)], list);
    }

    private static float[][]? LoadVectors(string? path, int count)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        int n = reader.ReadInt32();
        int dimension = reader.ReadInt32();
        if (n != count)
        {
            return null;
        }

        var vectors = new float[n][];
        for (int i = 0; i < n; i++)
        {
            vectors[i] = new float[dimension];
            for (int d = 0; d < dimension; d++)
            {
                vectors[i][d] = reader.ReadSingle();
            }
        }

        return vectors;
    }

    private static void SaveVectors(string? path, float[][] vectors)
    {
        if (path is null || File.Exists(path) || vectors.Length == 0)
        {
            return;
        }

        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(vectors.Length);
        writer.Write(vectors[0].Length);
        foreach (float[] v in vectors)
        {
            foreach (float x in v)
            {
                writer.Write(x);
            }
        }
    }
}
