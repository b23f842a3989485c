using DiscussionBot.Text.Embeddings;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text;

/// <summary>Says which mode the engine actually runs in (embedding mode falls back to lexical when the model cannot load).</summary>
public sealed class TextEngineStatus(IOptions<TextEngineOptions> options, ISentenceEmbedder embedder)
{
    public EngineMode ConfiguredMode => options.Value.Mode;

    /// <summary>The mode in force; asking loads the model in embedding mode (once per process).</summary>
    public EngineMode ActiveMode => ConfiguredMode == EngineMode.Embedding && embedder.IsAvailable ? EngineMode.Embedding : EngineMode.Lexical;

    /// <summary>The mode the engine answers in as far as is known without loading the model: embedding mode unless it is off or a load failed.</summary>
    public EngineMode ExpectedMode => ConfiguredMode == EngineMode.Embedding && !embedder.LoadFailed ? EngineMode.Embedding : EngineMode.Lexical;

    public string ModelName => ExpectedMode == EngineMode.Embedding ? embedder.ModelName : "none";
}
