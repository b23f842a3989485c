using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// Turns paths into checked <see cref="IncomingDocument"/>s: a file in a known format (by extension) is converted
/// to text; any other file must be readable, non-empty UTF-8 text. A document's title comes from an optional
/// sidecar <c>&lt;file&gt;.meta.json</c> (<c>{"title": "..."}</c>), else from the format, else from the text.
/// </summary>
public sealed class SourceFileReader
{
    private readonly Dictionary<string, ISourceFormat> _formats;

    /// <summary>A reader of plain text only.</summary>
    public SourceFileReader()
        : this([])
    {
    }

    public SourceFileReader(IEnumerable<ISourceFormat> formats)
    {
        _formats = new Dictionary<string, ISourceFormat>(StringComparer.OrdinalIgnoreCase);
        foreach (ISourceFormat format in formats)
        {
            foreach (string extension in format.Extensions)
            {
                _formats[extension] = format;
            }
        }
    }

    /// <summary>Larger files are refused: a discussion source is an article, not a book.</summary>
    public const int MaxFileBytes = 8 * 1024 * 1024;

    private const string MetadataSuffix = ".meta.json";
    private const int MaxDerivedTitleLength = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Expands folders (recursively, in name order) into the source files they hold.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory
                    .EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(IsSourceCandidate)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new RejectedSourceException(path, "no such file or folder");
            }
        }

        return files;
    }

    /// <summary>
    /// Expands the paths given to <c>ingest</c> into files with their keys: a folder's files are keyed by their path
    /// relative to that folder, a file given by itself by its path relative to <paramref name="workingFolder"/>
    /// (or its full path when it lies outside).
    /// </summary>
    public static IReadOnlyList<SourceFile> ListSources(IEnumerable<string> paths, string workingFolder)
    {
        var sources = new List<SourceFile>();
        foreach (string path in paths)
        {
            string root = Directory.Exists(path) ? path : workingFolder;
            foreach (string file in ExpandPaths([path]))
            {
                string relative = Path.GetRelativePath(Path.GetFullPath(root), Path.GetFullPath(file));
                bool outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
                sources.Add(new SourceFile(file, KeyFromRelativePath(outside ? Path.GetFullPath(file) : relative)));
            }
        }

        return sources;
    }

    /// <summary>Reads a file as the document stored under its file name.</summary>
    public IncomingDocument Read(string path) => Read(new SourceFile(path, Path.GetFileName(path)));

    public IncomingDocument Read(SourceFile source)
    {
        string path = source.Path;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxFileBytes)
            {
                throw new RejectedSourceException(path, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RejectedSourceException(path, $"the file cannot be read ({ex.GetType().Name})");
        }

        return ToDocument(path, source.Key, bytes, ReadTitle(path));
    }

    /// <summary>
    /// Reads a file that arrived in memory (an attachment), converted by the format its name's extension names, like
    /// a file on disk; it has no metadata file. At most <see cref="MaxFileBytes"/>.
    /// </summary>
    /// <param name="fileName">Names the document in messages and picks the format.</param>
    public IncomingDocument Read(string fileName, string key, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length > MaxFileBytes)
        {
            throw new RejectedSourceException(fileName, $"the file is larger than {MaxFileBytes / (1024 * 1024)} MB");
        }

        return ToDocument(fileName, key, bytes, title: null);
    }

    private IncomingDocument ToDocument(string path, string key, byte[] bytes, string? title)
    {
        (string text, string? formatTitle) = _formats.TryGetValue(Path.GetExtension(path), out ISourceFormat? format)
            ? ConvertText(path, bytes, format)
            : (DecodeText(path, bytes), null);
        return new IncomingDocument(
            SourceName: key,
            Title: title ?? formatTitle ?? DeriveTitle(text, path),
            Text: text,
            ContentHash: HashText(text));
    }

    /// <summary>The extensions read as plain text; any other extension must be a registered format's.</summary>
    public static IReadOnlyList<string> TextExtensions { get; } = [".txt", ".text", ""];

    /// <summary>Whether a file of this name is plain text or one of the registered formats (HTML, Markdown, PDF).</summary>
    public bool Reads(string fileName)
    {
        string extension = Path.GetExtension(fileName);
        return _formats.ContainsKey(extension) || TextExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The extensions this reader accepts, for messages ("Markdown (.md, .markdown)").</summary>
    public IEnumerable<string> Describe() =>
        new[] { "text (.txt)" }.Concat(_formats.Values.Distinct().Select(f => $"{f.Name} ({string.Join(", ", f.Extensions)})"));

    private static (string Text, string? Title) ConvertText(string path, byte[] bytes, ISourceFormat format)
    {
        ConvertedSource converted;
        try
        {
            converted = format.Convert(bytes);
        }
        catch (FormatException ex)
        {
            throw new RejectedSourceException(path, ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Parsers throw their own exception types for damaged files; the member needs the file and the format, not a stack trace.
            throw new RejectedSourceException(path, $"cannot be read as {format.Name} ({ex.GetType().Name})");
        }

        string text = NormalizeText(converted.Text).Trim();
        if (text.Length == 0)
        {
            throw new RejectedSourceException(path, $"the {format.Name} file has no text to quote");
        }

        string? title = string.IsNullOrWhiteSpace(converted.Title) ? null : converted.Title.Trim();
        return (text, title);
    }

    /// <summary>SHA-256 of the text's UTF-8 bytes, lower-case hex.</summary>
    public static string HashText(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// Line endings are normalised to \n so that offsets and hashes do not depend on the platform
    /// that saved the file; everything else is kept exactly.
    /// </summary>
    public static string NormalizeText(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string KeyFromRelativePath(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');

    private static string DecodeText(string path, byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            throw new RejectedSourceException(path, "not a text file (it contains binary data)");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new RejectedSourceException(path, "not UTF-8 text");
        }

        text = NormalizeText(text.TrimStart('\uFEFF'));
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RejectedSourceException(path, "the file is empty");
        }

        if (text.Count(c => char.IsControl(c) && c is not ('\n' or '\t')) > text.Length / 100)
        {
            throw new RejectedSourceException(path, "not a text file (too many control characters)");
        }

        return text;
    }

    private static bool IsSourceCandidate(string file)
    {
        string name = Path.GetFileName(file);
        return !name.StartsWith('.') && !name.EndsWith(MetadataSuffix, StringComparison.OrdinalIgnoreCase);
    }

    private static string? ReadTitle(string path)
    {
        string metadataPath = path + MetadataSuffix;
        if (!File.Exists(metadataPath))
        {
            metadataPath = Path.ChangeExtension(path, null) + MetadataSuffix;
            if (!File.Exists(metadataPath))
            {
                return null;
            }
        }

        try
        {
            using JsonDocument json = JsonDocument.Parse(File.ReadAllText(metadataPath));
            return json.RootElement.TryGetProperty("title", out JsonElement title) &&
                   title.ValueKind == JsonValueKind.String &&
                   !string.IsNullOrWhiteSpace(title.GetString())
                ? title.GetString()!.Trim()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new RejectedSourceException(metadataPath, "the metadata file is not valid JSON with a \"title\"");
        }
    }

    private static string DeriveTitle(string text, string path)
    {
        string firstLine = text.TrimStart().Split('\n', 2)[0].Trim();
        bool readsLikeHeadline = firstLine.Length is > 0 and <= MaxDerivedTitleLength &&
                                 !firstLine.EndsWith('.');
        return readsLikeHeadline ? firstLine : Path.GetFileNameWithoutExtension(path);
    }
}
