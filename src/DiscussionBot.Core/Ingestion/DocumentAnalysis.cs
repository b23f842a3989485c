namespace DiscussionBot.Core.Ingestion;

/// <summary>
/// What the text engine computes once per document at ingestion so that commands stay fast:
/// one entry per sentence (in ordinal order) and the document's key phrases.
/// </summary>
/// <param name="SentenceSalience">Centrality of each sentence within its document (higher is more central).</param>
/// <param name="SentenceVectors">Unit-length sentence embeddings, or null in lexical-only mode.</param>
/// <param name="KeyPhrases">Best first.</param>
public sealed record DocumentAnalysis(
    IReadOnlyList<float> SentenceSalience,
    IReadOnlyList<float[]>? SentenceVectors,
    IReadOnlyList<KeyPhrase> KeyPhrases)
{
    public static DocumentAnalysis Empty(int sentenceCount) =>
        new(new float[sentenceCount], null, []);
}

/// <summary>A phrase of one to a few words as it appears in the text, with its weight.</summary>
public sealed record KeyPhrase(string Phrase, float Score);
