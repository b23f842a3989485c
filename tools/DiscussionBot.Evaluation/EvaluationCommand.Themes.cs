using System.Diagnostics;
using System.Text.Json.Nodes;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Lexical;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Evaluation;

public static partial class EvaluationCommand
{
    /// <summary>
    /// <c>eval themes</c>: builds a temporary SQLite store from a theme-store definition (each article as its
    /// materialised file: title, blank line, text), asks the engine for the store's themes exactly as
    /// <c>/themes</c> and <c>/theme</c> do, and writes the scorer's prediction object with each theme's documents.
    /// </summary>
    private static async Task<int> ThemesAsync(Dictionary<string, string> options, CancellationToken cancellationToken)
    {
        EngineMode mode = ModeOf(options);
        var clock = Stopwatch.StartNew();
        var articles = EvaluationData.ReadJsonl(EvaluationData.Required(options, "articles")).ToDictionary(a => (string)a["id"]!, StringComparer.Ordinal);
        var definition = EvaluationData.ReadJsonl(EvaluationData.Required(options, "store")).ToList();
        var segmenter = new TextSegmenter();
        var documents = new List<(SourceDocument Document, Segmentation Segmentation)>();
        // identical files (the BBC set repeats a few articles word for word) are one document in a store: it stands for all of them
        var hashOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var articlesOfHash = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (JsonObject row in definition)
        {
            JsonObject article = articles[(string)row["id"]!];
            string file = (string)row["file"]!;
            string text = SourceFileReader.NormalizeText($"{(string)article["title"]!}\n\n{(string)article["text"]!}");
            Segmentation segmentation = segmenter.Segment(text);
            var info = new DocumentInfo(documents.Count + 1, file, (string)article["title"]!, SourceFileReader.HashText(text), text.Length, segmentation.Paragraphs.Count, segmentation.Sentences.Count, DateTimeOffset.UnixEpoch);
            documents.Add((new SourceDocument(info, text, segmentation.Paragraphs, segmentation.Sentences), segmentation));
            hashOf[file] = info.ContentHash;
            if (!articlesOfHash.TryGetValue(info.ContentHash, out List<string>? same))
            {
                same = [];
                articlesOfHash[info.ContentHash] = same;
            }

            same.Add((string)row["id"]!);
        }

        using OnnxSentenceEmbedder embedder = CreateEmbedder(options);
        float[][]? allVectors = null;
        if (mode == EngineMode.Embedding)
        {
            var all = documents.SelectMany(d => d.Segmentation.Sentences.Select(s => s.Text)).ToList();
            allVectors = LoadVectors(options.GetValueOrDefault("vectors"), all.Count) ?? embedder.Embed(all, cancellationToken);
            SaveVectors(options.GetValueOrDefault("vectors"), allVectors);
        }

        var analysed = new List<(SourceDocument Document, DocumentAnalysis Analysis)>();
        int offset = 0;
        foreach ((SourceDocument document, Segmentation segmentation) in documents)
        {
            int n = segmentation.Sentences.Count;
            float[][]? vectors = allVectors is null || n == 0 ? null : allVectors[offset..(offset + n)];
            offset += n;
            analysed.Add((document, DocumentAnalyzer.Analyze(segmentation, vectors, null, cancellationToken)));
        }

        double ingestSeconds = clock.Elapsed.TotalSeconds;
        using TemporaryStore store = await TemporaryStore.SqliteAsync(analysed, cancellationToken);
        using var cache = new CorpusCache(store.Documents, store.Analyses);
        var engineOptions = Options.Create(new TextEngineOptions { Mode = mode, MaxThemes = (int)Number(options, "max-themes", 8) });
        var themeOptions = Options.Create(new ThemeOptions
        {
            OutlierFit = Number(options, "outlier-fit", ThemeOptions.Default.OutlierFit),
            OwnThemeLength = Number(options, "own-theme-length", ThemeOptions.Default.OwnThemeLength),
        });
        var engine = new ThemeEngine(store.Documents, store.Analyses, cache, engineOptions, Options.Create(KeyPhraseOptions.Default), themeOptions);
        long started = Stopwatch.GetTimestamp();
        IReadOnlyList<Theme> themes = await engine.FindThemesAsync(null, cancellationToken);
        double themesMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var list = new JsonArray();
        foreach (Theme listed in themes)
        {
            // what /theme name:<label> shows for this theme
            Theme theme = ThemeLookup.Find(themes, listed.Label) ?? listed;
            list.Add(new JsonObject
            {
                ["label"] = theme.Label,
                ["key_terms"] = new JsonArray(theme.KeyTerms.Select(k => (JsonNode)JsonValue.Create(k)).ToArray()),
                ["documents"] = new JsonArray(theme.Sources
                    .SelectMany(s => articlesOfHash[hashOf[store.ExternalIds[s.DocumentId]]])
                    .Select(id => (JsonNode)JsonValue.Create(id))
                    .ToArray()),
                ["sentences"] = new JsonArray(theme.Sentences.Select(s => (JsonNode)JsonValue.Create(s.Text)).ToArray()),
            });
        }

        string outPath = EvaluationData.Required(options, "out");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        await File.WriteAllTextAsync(outPath, new JsonObject { ["themes"] = list }.ToJsonString(), cancellationToken);
        await Console.Out.WriteLineAsync(
            $"themes: {documents.Count} documents, mode {mode}, analysis {ingestSeconds:F1} s, {themes.Count} themes in {themesMs:F0} ms: " +
            string.Join(" | ", themes.Select(t => $"{t.Label} ({t.Sources.Count})")));
        return 0;
    }
}
