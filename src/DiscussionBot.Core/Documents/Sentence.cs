namespace DiscussionBot.Core.Documents;

/// <summary>
/// A sentence of a source. <see cref="Text"/> always equals the source text at
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>), so any quote can be re-checked.
/// </summary>
/// <param name="Ordinal">0-based position of the sentence within its document.</param>
/// <param name="ParagraphNumber">1-based paragraph the sentence belongs to.</param>
/// <param name="IsQuotable">False for page furniture ("Read the original article here"): kept in the text, never offered.</param>
public sealed record Sentence(
    int Ordinal,
    int ParagraphNumber,
    int Start,
    int Length,
    string Text,
    bool IsQuotable);
