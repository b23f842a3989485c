using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Answers;

/// <summary>One thing the sources are about.</summary>
/// <param name="Label">A phrase a person would use (never a stemmed token).</param>
/// <param name="KeyTerms">Words and phrases that carry the theme, as written in the sources.</param>
/// <param name="Share">Fraction (0..1) of the text's quotable sentences that discuss the theme.</param>
/// <param name="Sentences">The most representative verbatim sentences, best first.</param>
public sealed record Theme(
    string Label,
    IReadOnlyList<string> KeyTerms,
    double Share,
    IReadOnlyList<CitedSentence> Sentences)
{
    /// <summary>A short id derived from the label, so a button names the same theme for as long as the theme exists.</summary>
    public string Id => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Label.ToLowerInvariant())).AsSpan(0, 5));

    /// <summary>For themes of the whole store: the sources that discuss the theme, most typical first.</summary>
    public IReadOnlyList<ThemeSource> Sources { get; init; } = [];

    /// <summary>
    /// True for the store's "other sources": the documents that fit none of its themes, listed so that every document
    /// is accounted for; it has no key terms, and its sentences are its sources' main points.
    /// </summary>
    public bool IsOther { get; init; }
}

/// <summary>A source that discusses a theme.</summary>
public sealed record ThemeSource(long DocumentId, string Title);

public interface IThemeEngine
{
    /// <summary>
    /// The themes of one document, or of every document visible in <paramref name="scope"/> when
    /// <paramref name="documentId"/> is null; largest first.
    /// </summary>
    /// <exception cref="DocumentNotFoundException">The requested document is not in the store, or not in the scope.</exception>
    Task<IReadOnlyList<Theme>> FindThemesAsync(long? documentId, DocumentScope scope, CancellationToken cancellationToken);

    /// <summary>Themes over the operator's documents only (tools and tests; every command passes its scope).</summary>
    Task<IReadOnlyList<Theme>> FindThemesAsync(long? documentId, CancellationToken cancellationToken) =>
        FindThemesAsync(documentId, DocumentScope.OperatorOnly, cancellationToken);
}
