using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Ingestion;

/// <summary>
/// Computes, once per document at ingestion: sentence salience (graph centrality with a position prior),
/// key phrases, and in embedding mode unit sentence vectors, encoded in bounded chunks across the batch.
/// </summary>
public sealed class DocumentAnalyzer(IOptions<TextEngineOptions> options, IOptions<KeyPhraseOptions> keyPhrases, ISentenceEmbedder embedder) : IDocumentAnalyzer
{
    public const int KeyPhraseCount = 20;
    private const int EmbedRankCandidates = 30;

    /// <summary>
    /// Sentences handed to the encoder per call: enough for full length-sorted batches, few enough that one
    /// call's float vectors stay small (2,048 × 384 floats = 3 MB) whatever the size of the ingestion.
    /// </summary>
    internal const int EmbedChunkSentences = 2048;

    /// <summary>
    /// A document with more sentences keeps its vectors as 8-bit integers while it is analysed and written (a
    /// quarter of float32's memory: an 8 MB text's 69,000 vectors take 27 MB instead of 106 MB). Shorter documents
    /// keep float32, so the vectors of ordinary documents are stored exactly as encoded.
    /// </summary>
    internal const int CompactVectorsFrom = 4096;

    private readonly TextEngineOptions _options = options.Value;
    private readonly KeyPhraseOptions _keyPhrases = keyPhrases.Value;

    /// <remarks>
    /// Decided without loading the model, so that checking whether stored documents are current stays off the
    /// cold-start path. A document analysed after a failed load is written with the lexical version, so it is
    /// analysed again once the model loads.
    /// </remarks>
    public string Version => _options.Mode == EngineMode.Embedding && !embedder.LoadFailed
        ? $"analysis-3+{embedder.ModelName}"
        : "analysis-3+lexical";

    private bool UsesEmbeddings => _options.Mode == EngineMode.Embedding && embedder.IsAvailable;

    /// <summary>Embedding mode, unless the model already failed to load (asking does not load it).</summary>
    public bool EncodesSentences => _options.Mode == EngineMode.Embedding && !embedder.LoadFailed;

    public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken) =>
        Analyze(documents, UsesEmbeddings, cancellationToken);

    /// <summary>Salience and key phrases from the words alone: what lexical mode computes, without loading the model.</summary>
    public Task<IReadOnlyList<DocumentAnalysis>> AnalyzeWithoutVectorsAsync(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        CancellationToken cancellationToken) =>
        Analyze(documents, embed: false, cancellationToken);

    private Task<IReadOnlyList<DocumentAnalysis>> Analyze(
        IReadOnlyList<(IncomingDocument Source, Segmentation Segmentation)> documents,
        bool embed,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<float[]>?[] documentVectors = embed
            ? EmbedSentences(documents.Select(d => d.Segmentation).ToList(), cancellationToken)
            : new IReadOnlyList<float[]>?[documents.Count];

        long allocatedBefore = LargeGarbage.AllocatedSoFar();

        // Documents are analysed independently: spread them over every core (results keep their order).
        var parts = new (float[] Salience, IReadOnlyList<KeyPhrase> Phrases, IReadOnlyList<float[]>? Vectors, float[]? Centroid)[documents.Count];
        Parallel.For(
            0,
            documents.Count,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = documents.Count > 1 ? Environment.ProcessorCount : 1 },
            i =>
            {
                parts[i] = AnalyzeLexically(documents[i].Segmentation, documentVectors[i], embed, _keyPhrases);
            });

        // EmbedRank: every document's candidate phrases are encoded in one call, so the encoder works in full,
        // length-sorted batches instead of one small batch per document.
        Dictionary<string, float[]>? phraseVectors = null;
        if (embed)
        {
            var distinct = parts.Where(p => p.Centroid is not null && p.Phrases.Count > 1)
                .SelectMany(p => p.Phrases.Select(k => k.Phrase))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            float[][] encoded = distinct.Count == 0 ? [] : embedder.Embed(distinct, cancellationToken);
            phraseVectors = new Dictionary<string, float[]>(distinct.Count, StringComparer.Ordinal);
            for (int i = 0; i < distinct.Count; i++)
            {
                phraseVectors[distinct[i]] = encoded[i];
            }
        }

        var results = new DocumentAnalysis[documents.Count];
        for (int i = 0; i < documents.Count; i++)
        {
            (float[] salience, IReadOnlyList<KeyPhrase> phrases, IReadOnlyList<float[]>? vectors, float[]? centroid) = parts[i];
            if (phraseVectors is not null && centroid is not null && phrases.Count > 1)
            {
                phrases = Rerank(phrases, centroid, phrases.Select(p => phraseVectors[p.Phrase]).ToArray());
            }

            results[i] = new DocumentAnalysis(salience, vectors, phrases.Take(KeyPhraseCount).ToList());
        }

        // A long document's analysis (word vectors, similarity graph and key phrases over tens of thousands of
        // sentences) leaves its garbage committed, and the write that follows would grow the heap again on top of it
        // (the 8 MB ingestion's peak, docs/performance.md).
        LargeGarbage.ReclaimIfAllocatedSince(allocatedBefore);
        return Task.FromResult<IReadOnlyList<DocumentAnalysis>>(results);
    }

    /// <summary>
    /// Every sentence's vector, per document. Sentences go to the encoder in chunks of
    /// <see cref="EmbedChunkSentences"/> across documents, and each vector is stored in its document as soon as it is
    /// made: a long document's float vectors die young (copied into 8-bit rows) instead of living as long as a chunk's
    /// encoding, which took them into the GC's oldest generation and its committed heap up by ~50 MB over an 8 MB text.
    /// </summary>
    private IReadOnlyList<float[]>?[] EmbedSentences(IReadOnlyList<Segmentation> documents, CancellationToken cancellationToken)
    {
        var sinks = new SentenceVectorSink?[documents.Count];
        var making = new Lock();
        var texts = new List<string>(EmbedChunkSentences);
        var targets = new List<(int Document, int Ordinal)>(EmbedChunkSentences);

        // called from the encoder's threads, never twice for one sentence; a document's sink is made by its first vector
        void Store(int k, float[] vector)
        {
            (int document, int ordinal) = targets[k];
            SentenceVectorSink sink;
            lock (making)
            {
                sink = sinks[document] ??= new SentenceVectorSink(documents[document].Sentences.Count, vector.Length);
            }

            sink.Set(ordinal, vector);
        }

        void Flush()
        {
            embedder.Embed(texts, Store, cancellationToken);
            texts.Clear();
            targets.Clear();
        }

        for (int d = 0; d < documents.Count; d++)
        {
            foreach (Sentence sentence in documents[d].Sentences)
            {
                texts.Add(sentence.Text);
                targets.Add((d, sentence.Ordinal));
                if (texts.Count == EmbedChunkSentences)
                {
                    Flush();
                }
            }
        }

        if (texts.Count > 0)
        {
            Flush();
        }

        var result = new IReadOnlyList<float[]>?[documents.Count];
        for (int d = 0; d < documents.Count; d++)
        {
            result[d] = sinks[d]?.Vectors ?? [];
        }

        return result;
    }

    /// <summary>The analysis of one segmented text; <paramref name="vectors"/> null in lexical mode.</summary>
    /// <param name="keyPhrases">Key-phrase weights; null means <see cref="KeyPhraseOptions.Default"/>.</param>
    internal static DocumentAnalysis Analyze(
        Segmentation segmentation, float[][]? vectors, ISentenceEmbedder? embedder, CancellationToken cancellationToken, KeyPhraseOptions? keyPhrases = null)
    {
        (float[] salience, IReadOnlyList<KeyPhrase> phrases, _, float[]? centroid) =
            AnalyzeLexically(segmentation, vectors, embedder is not null, keyPhrases ?? KeyPhraseOptions.Default);
        if (embedder is not null && centroid is not null && phrases.Count > 1)
        {
            phrases = EmbedRank(phrases, centroid, embedder, cancellationToken);
        }

        return new DocumentAnalysis(salience, vectors, phrases.Take(KeyPhraseCount).ToList());
    }

    /// <summary>Salience and statistical key-phrase candidates; with vectors, also the document's mean vector for EmbedRank.</summary>
    private static (float[] Salience, IReadOnlyList<KeyPhrase> Phrases, IReadOnlyList<float[]>? Vectors, float[]? Centroid) AnalyzeLexically(
        Segmentation segmentation, IReadOnlyList<float[]>? vectors, bool embedRank, KeyPhraseOptions keyPhrases)
    {
        var texts = segmentation.Sentences.Select(s => s.Text).ToList();
        var quotable = segmentation.Sentences.Select(s => s.IsQuotable).ToList();
        float[] salience = SentenceRanker.Rank(texts, quotable, vectors, RankerSettings.Default, TextSegmenter.OpensWithDateline(segmentation));
        var quotableTexts = segmentation.Sentences.Where(s => s.IsQuotable).Select(s => s.Text).ToList();
        bool rerank = embedRank && vectors is not null;
        IReadOnlyList<KeyPhrase> phrases = KeyPhraseExtractor.Extract(
            quotableTexts, null, rerank ? EmbedRankCandidates : KeyPhraseCount, keyPhrases, TextSegmenter.Heading(segmentation));
        float[]? centroid = rerank && quotableTexts.Count > 0
            ? VectorMath.MeanOfRows(vectors!, segmentation.Sentences.Where(s => s.IsQuotable).Select(s => s.Ordinal))
            : null;
        return (salience, phrases, vectors, centroid);
    }

    /// <summary>Re-ranks statistical candidates by their similarity to the whole document (EmbedRank).</summary>
    internal static IReadOnlyList<KeyPhrase> EmbedRank(IReadOnlyList<KeyPhrase> phrases, float[] document, ISentenceEmbedder embedder, CancellationToken cancellationToken) =>
        Rerank(phrases, document, embedder.Embed(phrases.Select(p => p.Phrase).ToList(), cancellationToken));

    private static IReadOnlyList<KeyPhrase> Rerank(IReadOnlyList<KeyPhrase> phrases, float[] document, float[][] phraseVectors)
    {
        float best = phrases.Max(p => p.Score);
        return phrases
            .Select((p, i) => new KeyPhrase(p.Phrase, (float)((0.5 * p.Score / best) + (0.5 * Math.Max(0, VectorMath.Dot(phraseVectors[i], document))))))
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Phrase, StringComparer.Ordinal)
            .ToList();
    }
}
