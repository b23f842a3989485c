using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Ingestion;

namespace DiscussionBot.Text.Answers;

/// <summary>A document with its stored analysis.</summary>
internal sealed record AnalyzedDocument(SourceDocument Document, DocumentAnalysis Analysis);

internal static class DocumentLoader
{
    /// <exception cref="DocumentNotFoundException">No such document.</exception>
    public static async Task<AnalyzedDocument> LoadAsync(IDocumentStore store, IAnalysisStore analyses, long documentId, CancellationToken cancellationToken)
    {
        SourceDocument document = await store.GetDocumentAsync(documentId, cancellationToken)
            ?? throw new DocumentNotFoundException(documentId);
        DocumentAnalysis? analysis = await analyses.GetDocumentAnalysisAsync(documentId, cancellationToken);
        if (analysis is null || analysis.SentenceSalience.Count != document.Sentences.Count)
        {
            // stored before analysis existed, or analysed with another segmentation: recompute words-only
            analysis = DocumentAnalyzer.Analyze(new Segmentation(document.Paragraphs, document.Sentences), null, null, cancellationToken);
        }
        else if (analysis.SentenceVectors is { } v && v.Count != document.Sentences.Count)
        {
            analysis = analysis with { SentenceVectors = null };
        }

        return new AnalyzedDocument(document, analysis);
    }
}
