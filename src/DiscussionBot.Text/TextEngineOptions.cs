using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text;

/// <summary>How the text engine represents meaning.</summary>
public enum EngineMode
{
    /// <summary>Words only: no model is loaded; works on any machine.</summary>
    Lexical,

    /// <summary>Words plus all-MiniLM-L6-v2 sentence embeddings (loaded once per process, lazily).</summary>
    Embedding,
}

/// <summary>Options of the text engine, bound from the "Engine" configuration section.</summary>
public sealed class TextEngineOptions
{
    public const string SectionName = "Engine";

    public EngineMode Mode { get; set; } = EngineMode.Embedding;

    /// <summary>Sentences encoded per model call at ingestion (sorted by length so padding stays small).</summary>
    [Range(1, 512)]
    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>
    /// Encoder batches run at once during ingestion; 0 means one per processor. Each concurrent batch holds its
    /// own working memory, so 1 trades ingestion speed for a lower memory peak.
    /// </summary>
    [Range(0, 64)]
    public int EmbeddingParallelism { get; set; }

    /// <summary>
    /// ONNX Runtime intra-op threads; 0 means one per processor. One keeps /quote fast (the query is
    /// embedded on one core while the store searches on another); 0 makes large ingestions faster.
    /// </summary>
    [Range(0, 64)]
    public int EmbeddingThreads { get; set; } = 1;

    /// <summary>Least cosine similarity for a passage to answer a query on meaning alone.</summary>
    [Range(0.0, 1.0)]
    public double QuoteMinSimilarity { get; set; } = 0.33;

    /// <summary>Least share of the query's content words a passage must contain to answer on words alone.</summary>
    [Range(0.0, 1.0)]
    public double QuoteMinTermCoverage { get; set; } = 0.5;

    /// <summary>Most themes reported for one scope.</summary>
    [Range(1, 20)]
    public int MaxThemes { get; set; } = 8;
}

/// <summary>Checks <see cref="TextEngineOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class TextEngineOptionsValidator : IValidateOptions<TextEngineOptions>;
