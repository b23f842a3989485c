using DiscussionBot.Text.Embeddings;

namespace DiscussionBot.Text.Tests.Embeddings;

public sealed class ModelVocabularyTests
{
    [Theory]
    [InlineData(SentenceModel.MiniLM)]
    [InlineData(SentenceModel.ArcticXs)]
    public void WholeWords_ModelsVocabulary_HoldsCommonWordsButNotPiecesMarkersOrRareNames(SentenceModel model)
    {
        IReadOnlySet<string> words = ModelVocabulary.WholeWords(model);

        Assert.InRange(words.Count, 20_000, 30_000);
        Assert.Contains("jewelry", words);
        Assert.Contains("crying", words);
        Assert.DoesNotContain("pyongyang", words);
        Assert.DoesNotContain("##ing", words);
        Assert.DoesNotContain("[CLS]", words);
        Assert.All(words, w => Assert.Equal(w.Trim(), w));
    }
}
