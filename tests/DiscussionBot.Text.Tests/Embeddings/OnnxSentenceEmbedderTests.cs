using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests.Embeddings;

public sealed class OnnxSentenceEmbedderTests(MiniLmFixture model) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public void Embed_ManyBatchesInParallel_SameVectorsAsOneAtATime()
    {
        string[] sentences = SeedText.KimMourning.Split('.', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(Enumerable.Range(0, 150).Select(i => $"Sentence number {i} about troops and propaganda."))
            .ToArray();

        float[][] together = model.Embedder.Embed(sentences, CancellationToken.None);
        float[][] alone = sentences.Take(5).Select(s => model.Embedder.Embed([s], CancellationToken.None)[0]).ToArray();

        for (int i = 0; i < alone.Length; i++)
        {
            Assert.Equal(384, together[i].Length);
            Assert.True(VectorMath.Dot(together[i], alone[i]) > 0.9999f, $"sentence {i} differs when batched");
        }
    }

    [Fact]
    public void AnalyzerVersion_DoesNotLoadTheModel()
    {
        using var embedder = new OnnxSentenceEmbedder(Options.Create(new TextEngineOptions { Mode = EngineMode.Embedding }), NullLogger<OnnxSentenceEmbedder>.Instance);
        var analyzer = new DocumentAnalyzer(Options.Create(new TextEngineOptions { Mode = EngineMode.Embedding }), Options.Create(DiscussionBot.Text.Lexical.KeyPhraseOptions.Default), embedder);

        string version = analyzer.Version;

        Assert.Equal("analysis-3+all-MiniLM-L6-v2", version);
        Assert.False(embedder.IsLoaded);
    }
}
