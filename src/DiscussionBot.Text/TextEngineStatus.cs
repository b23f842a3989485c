using DiscussionBot.Text.Embeddings;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text;

/// <summary>Says which mode the engine actually runs in (embedding mode falls back to lexical when the model cannot load).</summary>
public sealed class TextEngineStatus(IOptions<TextEngineOptions> options, ISentenceEmbedder embedder)
{
    public EngineMode ConfiguredMode => options.Value.Mode;

    /// <summary>The mode in force; asking loads the model in embedding mode (once per process).</summary>
    public EngineMode ActiveMode => ConfiguredMode == EngineMode.Embedding && embedder.IsAvailable ? EngineMode.Embedding : EngineMode.Lexical;

    public string ModelName => ActiveMode == EngineMode.Embedding ? embedder.ModelName : "none";
}
