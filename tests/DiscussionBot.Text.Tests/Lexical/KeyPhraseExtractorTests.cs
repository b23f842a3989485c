using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Lexical;

public sealed class KeyPhraseExtractorTests
{
    [Fact]
    public void Extract_Seed_PhrasesAreWrittenAsInTheText()
    {
        string[] sentences = SeedText.KimMourning.Split('\n');

        IReadOnlyList<KeyPhrase> phrases = KeyPhraseExtractor.Extract(sentences, null, 15);

        Assert.NotEmpty(phrases);
        Assert.All(phrases, p =>
        {
            Assert.Contains(p.Phrase, SeedText.KimMourning, StringComparison.Ordinal);
            Assert.InRange(p.Phrase.Split(' ').Length, 1, KeyPhraseExtractor.MaxWords);
        });
        Assert.Equal(phrases.Select(p => p.Score).OrderDescending(), phrases.Select(p => p.Score));
    }

    [Fact]
    public void Extract_StopWordsAndPunctuation_DelimitCandidates()
    {
        IReadOnlyList<KeyPhrase> phrases = KeyPhraseExtractor.Extract(["Luxury bags, Cartier bracelets and nationalist sentiment."], null, 10);

        Assert.Contains(phrases, p => p.Phrase == "Cartier bracelets");
        Assert.Contains(phrases, p => p.Phrase == "nationalist sentiment");
        Assert.DoesNotContain(phrases, p => p.Phrase.Contains("bags, Cartier", StringComparison.Ordinal));
        Assert.DoesNotContain(phrases, p => p.Phrase.Contains(" and ", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_EmptyText_ReturnsNothing()
    {
        Assert.Empty(KeyPhraseExtractor.Extract([], null, 10));
    }
}

public sealed class PorterStemmerTests
{
    [Theory]
    [InlineData("propaganda", "propaganda")]
    [InlineData("soldiers", "soldier")]
    [InlineData("mourning", "mourn")]
    [InlineData("relational", "relat")]
    [InlineData("expendability", "expend")]
    public void Stem_KnownWords_MatchPorter(string word, string stem)
    {
        Assert.Equal(stem, PorterStemmer.Stem(word));
    }
}
