using System.Runtime.CompilerServices;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.TestKit;

/// <summary>
/// A hand-written store for tests: documents, their analysis and a BM25 (k1 1.2, b 0.75) full-text search
/// over quotable sentences with any-term semantics, like the SQLite store's FTS5 search.
/// </summary>
public sealed class InMemoryDocumentStore : IDocumentStore, IAnalysisStore, IDocumentWriter
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, (SourceDocument Document, DocumentAnalysis Analysis, string Fingerprint)> _documents = [];
    private long _nextId = 1;
    private long _revision;

    public int SearchCalls { get; private set; }

    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Adds or replaces a document (by source name) and returns its id.</summary>
    public long Add(IncomingDocument source, Segmentation segmentation, DocumentAnalysis analysis, string fingerprint = "")
    {
        lock (_lock)
        {
            long id = _documents.Values.FirstOrDefault(d => d.Document.Info.SourceName == source.SourceName).Document?.Info.Id ?? _nextId++;
            var info = new DocumentInfo(id, source.SourceName, source.Title, source.ContentHash, source.Text.Length,
                segmentation.Paragraphs.Count, segmentation.Sentences.Count, Now)
            {
                GuildId = source.Owner?.GuildId,
                Owner = source.Owner,
                HasVectors = analysis.SentenceVectors is not null && segmentation.Sentences.Count > 0,
            };
            _documents[id] = (new SourceDocument(info, source.Text, segmentation.Paragraphs, segmentation.Sentences), analysis, fingerprint);
            _revision++;
            return id;
        }
    }

    public Task<IReadOnlyList<DocumentInfo>> ListDocumentsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DocumentInfo>>(_documents.Values.Select(d => d.Document.Info).ToList());
        }
    }

    public Task<SourceDocument?> GetDocumentAsync(long documentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_documents.TryGetValue(documentId, out var d) ? d.Document : null);
        }
    }

    public Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_revision);
        }
    }

    public Task<DocumentAnalysis?> GetDocumentAnalysisAsync(long documentId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_documents.TryGetValue(documentId, out var d) ? d.Analysis : null);
        }
    }

    public async IAsyncEnumerable<AnalyzedSentence> ReadQuotableSentencesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<(SourceDocument Document, DocumentAnalysis Analysis, string Fingerprint)> documents;
        lock (_lock)
        {
            documents = [.. _documents.Values];
        }

        foreach ((SourceDocument document, DocumentAnalysis analysis, _) in documents)
        {
            foreach (Sentence s in document.QuotableSentences)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return new AnalyzedSentence(document.Info.Id, s.Ordinal, s.ParagraphNumber, s.Text,
                    analysis.SentenceSalience[s.Ordinal], analysis.SentenceVectors?[s.Ordinal]);
            }
        }

        await Task.CompletedTask;
    }

    public Task<IReadOnlyList<SentenceHit>> SearchSentencesAsync(IReadOnlyList<string> terms, long? documentId, int limit, CancellationToken cancellationToken)
    {
        List<SourceDocument> documents;
        lock (_lock)
        {
            SearchCalls++;
            documents = _documents.Values.Select(d => d.Document).ToList();
        }

        var wanted = terms.Select(t => t.ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        var sentences = documents
            .SelectMany(d => d.QuotableSentences.Select(s => (Doc: d.Info.Id, Sentence: s, Words: Words(s.Text))))
            .ToList();
        if (wanted.Count == 0 || sentences.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<SentenceHit>>([]);
        }

        double averageLength = sentences.Average(s => s.Words.Count);
        var df = wanted.ToDictionary(t => t, t => sentences.Count(s => s.Words.Contains(t)));
        var hits = new List<SentenceHit>();
        foreach ((long doc, Sentence sentence, List<string> words) in sentences)
        {
            if (documentId is long only && doc != only)
            {
                continue;
            }

            double score = 0;
            foreach (string term in wanted)
            {
                int tf = words.Count(w => w == term);
                if (tf == 0)
                {
                    continue;
                }

                double idf = Math.Log(1 + ((sentences.Count - df[term] + 0.5) / (df[term] + 0.5)));
                score += idf * tf * 2.2 / (tf + (1.2 * (0.25 + (0.75 * words.Count / averageLength))));
            }

            if (score > 0)
            {
                hits.Add(new SentenceHit(doc, sentence.Ordinal, score));
            }
        }

        return Task.FromResult<IReadOnlyList<SentenceHit>>(hits
            .OrderByDescending(h => h.Score).ThenBy(h => h.DocumentId).ThenBy(h => h.SentenceOrdinal)
            .Take(limit).ToList());
    }

    /// <summary>BM25 (k1 1.2, b 0.75) over each document's title and text as one unit, any term.</summary>
    public Task<IReadOnlyList<DocumentHit>> SearchDocumentsAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        List<SourceDocument> documents;
        lock (_lock)
        {
            SearchCalls++;
            documents = _documents.Values.Select(d => d.Document).ToList();
        }

        var wanted = terms.Select(t => t.ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        var words = documents.Select(d => (d.Info.Id, Words: Words(d.Info.Title + " " + d.Text))).ToList();
        if (wanted.Count == 0 || words.Count == 0 || limit <= 0)
        {
            return Task.FromResult<IReadOnlyList<DocumentHit>>([]);
        }

        double averageLength = Math.Max(1, words.Average(d => d.Words.Count));
        var df = wanted.ToDictionary(t => t, t => words.Count(d => d.Words.Contains(t)));
        var hits = new List<DocumentHit>();
        foreach ((long id, List<string> documentWords) in words)
        {
            double score = 0;
            foreach (string term in wanted)
            {
                int tf = documentWords.Count(w => w == term);
                if (tf > 0)
                {
                    double idf = Math.Log(1 + ((words.Count - df[term] + 0.5) / (df[term] + 0.5)));
                    score += idf * tf * 2.2 / (tf + (1.2 * (0.25 + (0.75 * documentWords.Count / averageLength))));
                }
            }

            if (score > 0)
            {
                hits.Add(new DocumentHit(id, score));
            }
        }

        return Task.FromResult<IReadOnlyList<DocumentHit>>(hits.OrderByDescending(h => h.Score).ThenBy(h => h.DocumentId).Take(limit).ToList());
    }

    public Task<IReadOnlyList<StoredSource>> ListStoredSourcesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<StoredSource>>(_documents.Values
                .Select(d => new StoredSource(d.Document.Info.SourceName, d.Document.Info.ContentHash, d.Fingerprint) { GuildId = d.Document.Info.GuildId })
                .ToList());
        }
    }

    public Task<GuildUsage> GetGuildUsageAsync(ulong guildId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var owned = _documents.Values.Where(d => d.Document.Info.GuildId == guildId).ToList();
            return Task.FromResult(new GuildUsage(owned.Count, owned.Sum(d => (long)d.Document.Text.Length)));
        }
    }

    public Task RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var ids = keys.Select(k => (Key: k, Id: _documents.Values.FirstOrDefault(d => d.Document.Info.SourceName == k).Document?.Info.Id)).ToList();
            List<string> unknown = ids.Where(x => x.Id is null).Select(x => x.Key).ToList();
            if (unknown.Count > 0)
            {
                throw new UnknownSourceException(unknown);
            }

            foreach ((_, long? id) in ids)
            {
                _documents.Remove(id!.Value);
            }

            _revision++;
        }

        return Task.CompletedTask;
    }

    public Task<IngestionReport> WriteAsync(IReadOnlyList<PreparedDocument> documents, IReadOnlyList<string> unchanged, GuildSourceLimits? limits, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var updated = new List<string>();
        lock (_lock)
        {
            foreach (PreparedDocument d in documents)
            {
                bool exists = _documents.Values.Any(x => x.Document.Info.SourceName == d.Source.SourceName);
                (exists ? updated : added).Add(d.Source.SourceName);
                Add(d.Source, d.Segmentation, d.Analysis, d.Fingerprint);
            }
        }

        return Task.FromResult(new IngestionReport(added, updated, unchanged));
    }

    public Task<bool> ReplaceAnalysisAsync(AnalysisReplacement replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_lock)
        {
            var stored = _documents.Values.FirstOrDefault(d => d.Document.Info.SourceName == replacement.Key);
            if (stored.Document is not { } document || stored.Fingerprint != replacement.ExpectedFingerprint ||
                !DocumentConsistency.Covers(replacement.Analysis, document.Sentences.Count))
            {
                return Task.FromResult(false);
            }

            _documents[document.Info.Id] = (
                document with { Info = document.Info with { HasVectors = replacement.Analysis.SentenceVectors is not null && document.Sentences.Count > 0 } },
                replacement.Analysis,
                replacement.Fingerprint);
            _revision++;
            return Task.FromResult(true);
        }
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            int s = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            words.Add(text[s..i].ToLowerInvariant());
        }

        return words;
    }
}
