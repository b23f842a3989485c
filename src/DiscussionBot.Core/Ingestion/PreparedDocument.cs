using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Ingestion;

/// <summary>A document ready to be written: text, segmentation and analysis, all computed outside the write transaction.</summary>
/// <param name="Fingerprint">See <see cref="IngestionService.Fingerprint"/>.</param>
public sealed record PreparedDocument(
    IncomingDocument Source,
    Segmentation Segmentation,
    DocumentAnalysis Analysis,
    string Fingerprint);
