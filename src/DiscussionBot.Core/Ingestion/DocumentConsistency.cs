using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>What every store checks before writing a document, so a stored quote can always be re-checked as an exact substring of its source.</summary>
public static class DocumentConsistency
{
    /// <exception cref="InvalidOperationException">A sentence does not match the text at its offsets, or the analysis has not one entry per sentence.</exception>
    public static void Check(PreparedDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        string text = document.Source.Text;
        string name = document.Source.SourceName;
        foreach (Sentence sentence in document.Segmentation.Sentences)
        {
            if (sentence.Start < 0 || sentence.Length <= 0 || sentence.Start + sentence.Length > text.Length ||
                string.CompareOrdinal(text, sentence.Start, sentence.Text, 0, sentence.Length) != 0 ||
                sentence.Text.Length != sentence.Length)
            {
                throw new InvalidOperationException($"{name}: sentence {sentence.Ordinal} does not match the text at its offsets.");
            }
        }

        if (!Covers(document.Analysis, document.Segmentation.Sentences.Count))
        {
            throw new InvalidOperationException($"{name}: the analysis does not have one entry per sentence.");
        }
    }

    /// <summary>True when the analysis has one salience (and one vector, if any) for each of <paramref name="sentenceCount"/> sentences.</summary>
    public static bool Covers(DocumentAnalysis analysis, int sentenceCount)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.SentenceSalience.Count == sentenceCount &&
               (analysis.SentenceVectors is not { } vectors || vectors.Count == sentenceCount);
    }
}
