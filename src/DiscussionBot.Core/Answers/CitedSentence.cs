using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Answers;

/// <summary>A verbatim sentence of a source with its citation. <see cref="Text"/> is never rewritten.</summary>
public sealed record CitedSentence(Citation Citation, string Text);
