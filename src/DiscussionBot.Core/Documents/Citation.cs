namespace DiscussionBot.Core.Documents;

/// <summary>Where a verbatim span comes from: document and paragraph, as shown to readers.</summary>
public sealed record Citation(long DocumentId, string DocumentTitle, int ParagraphNumber, int SentenceOrdinal)
{
    /// <summary>The short form shown after a quoted sentence, e.g. "¶4".</summary>
    public string ParagraphMark => $"¶{ParagraphNumber}";
}
