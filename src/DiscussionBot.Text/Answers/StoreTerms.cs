using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Answers;

/// <summary>A term of one document: a content word or a multi-word phrase, identified by its stems.</summary>
/// <param name="Key">Stems joined by spaces.</param>
/// <param name="Count">Occurrences in the document's quotable sentences.</param>
internal readonly record struct DocumentTerm(string Key, int Count);

/// <summary>
/// The words and phrases of every document of a snapshot, counted once per store revision: the material for
/// clustering documents and for naming what each cluster is about (class-based TF-IDF). Only quotable
/// sentences count, so a headline or page furniture never becomes a key term.
/// </summary>
internal sealed class StoreTerms
{
    private readonly Dictionary<string, Dictionary<string, int>> _surfaces = new(StringComparer.Ordinal);

    private StoreTerms(Dictionary<long, DocumentTerm[]> terms, Dictionary<string, int> documentFrequency)
    {
        Terms = terms;
        DocumentFrequency = documentFrequency;
    }

    /// <summary>Each document's terms (content words and phrases of two or three words).</summary>
    public IReadOnlyDictionary<long, DocumentTerm[]> Terms { get; }

    /// <summary>In how many documents each term occurs.</summary>
    public IReadOnlyDictionary<string, int> DocumentFrequency { get; }

    public static StoreTerms Build(CorpusSnapshot snapshot)
    {
        var terms = new Dictionary<long, DocumentTerm[]>();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach ((long id, (int start, int count)) in snapshot.DocumentRows)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var texts = new List<string>(count);
            for (int r = start; r < start + count; r++)
            {
                texts.Add(snapshot.Rows[r].Text);
            }

            foreach (string text in texts)
            {
                foreach (Token t in Tokenizer.Tokenize(text))
                {
                    if (KeyPhraseExtractor.IsBreaker(t) || t.Lower.Length < 3)
                    {
                        continue;
                    }

                    counts[t.Stem] = counts.GetValueOrDefault(t.Stem) + 1;
                    Remember(surfaces, t.Stem, text.Substring(t.Start, t.Length), sentenceInitial: t.Start == 0);
                }
            }

            foreach (PhraseCandidate phrase in KeyPhraseExtractor.Candidates(texts).Values)
            {
                if (phrase.Stems.Length is 2 or 3)
                {
                    counts[phrase.Key] = counts.GetValueOrDefault(phrase.Key) + phrase.Frequency;
                    Remember(surfaces, phrase.Key, phrase.Surface, sentenceInitial: phrase.Surfaces.Count == 0);
                }
                else if (NameInside(phrase) is (string key, string surface))
                {
                    // "Tory leader Michael Howard" is one candidate; the name in it is a term of its own
                    counts[key] = counts.GetValueOrDefault(key) + phrase.Frequency;
                    Remember(surfaces, key, surface, sentenceInitial: false);
                }
            }

            foreach (string key in counts.Keys)
            {
                df[key] = df.GetValueOrDefault(key) + 1;
            }

            terms[id] = counts.Select(p => new DocumentTerm(p.Key, p.Value)).OrderBy(t => t.Key, StringComparer.Ordinal).ToArray();
        }

        var result = new StoreTerms(terms, df);
        foreach ((string key, Dictionary<string, int> forms) in surfaces)
        {
            result._surfaces[key] = forms;
        }

        return result;
    }

    /// <summary>
    /// The name of two or three capitalised words inside a longer candidate after a lower-case word ("Michael Howard" in
    /// "Tory leader Michael Howard"), so that a name written after a title is counted like the name written alone.
    /// </summary>
    private static (string Key, string Surface)? NameInside(PhraseCandidate phrase)
    {
        string[] words = phrase.Surface.Split(' ');
        if (phrase.Stems.Length < 4 || words.Length != phrase.Stems.Length)
        {
            return null;
        }

        int start = words.Length;
        while (start > 0 && words[start - 1].Length > 0 && char.IsUpper(words[start - 1][0]))
        {
            start--;
        }

        int length = words.Length - start;
        return start > 0 && length is 2 or 3
            ? (string.Join(' ', phrase.Stems[start..]), string.Join(' ', words[start..]))
            : null;
    }

    /// <summary>The term as most often written (a form seen only at a sentence start is lower-cased unless it is a name).</summary>
    public string Surface(string key)
    {
        if (!_surfaces.TryGetValue(key, out Dictionary<string, int>? forms) || forms.Count == 0)
        {
            return key;
        }

        return forms.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First().Key;
    }

    private static void Remember(Dictionary<string, Dictionary<string, int>> surfaces, string key, string surface, bool sentenceInitial)
    {
        if (!surfaces.TryGetValue(key, out Dictionary<string, int>? forms))
        {
            forms = new Dictionary<string, int>(StringComparer.Ordinal);
            surfaces[key] = forms;
        }

        // a capital letter at a sentence start says nothing about the word; count that form only a little
        string form = sentenceInitial && surface.Length > 1 && char.IsUpper(surface[0]) && !surface.Skip(1).Any(char.IsUpper)
            ? char.ToLowerInvariant(surface[0]) + surface[1..]
            : surface;
        forms[form] = forms.GetValueOrDefault(form) + (sentenceInitial ? 0 : 2) + 1;
    }
}
