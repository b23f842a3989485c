using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>A document stored with its words-only analysis, waiting for its full analysis (sentence vectors).</summary>
/// <param name="Source">The document as stored (key, title, text, content hash, owner).</param>
/// <param name="Segmentation">Its stored paragraphs and sentences: the full analysis must cover exactly these.</param>
/// <param name="StoredFingerprint">Its fingerprint when queued; a document replaced or removed since is left alone.</param>
public sealed record PendingAnalysis(IncomingDocument Source, Segmentation Segmentation, string StoredFingerprint);

/// <summary>Where ingestion hands the documents whose full analysis runs in the background, one at a time.</summary>
public interface IAnalysisQueue
{
    /// <returns>
    /// False when the queue is full or closed: the document keeps its words-only analysis (quotable, found by its
    /// words) until the next start queues it again (<see cref="DeferredAnalysis.FindPendingAsync"/>).
    /// </returns>
    bool TryEnqueue(PendingAnalysis document);
}
