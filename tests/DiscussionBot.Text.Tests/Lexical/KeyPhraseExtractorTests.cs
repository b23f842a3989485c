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
    public void Extract_WithHeading_TitleWordsLeadButOnlyBodyPhrasesAreChosen()
    {
        string[] body =
        [
            "The weather report came late on Monday.",
            "Engineers say that grid computing needs better service discovery.",
            "The weather report was wrong again on Tuesday.",
            "Service discovery in grid computing remains hard for registries.",
        ];
        string[] heading = ["Scalable service discovery for grid computing", "Zebra migration patterns"];

        IReadOnlyList<KeyPhrase> plain = KeyPhraseExtractor.Extract(body, null, 10);
        IReadOnlyList<KeyPhrase> titled = KeyPhraseExtractor.Extract(body, null, 10, heading: heading);

        int Rank(IReadOnlyList<KeyPhrase> phrases) => phrases.ToList().FindIndex(p => p.Phrase.Equals("service discovery", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(Rank(titled), 0, Rank(plain) - 1);
        Assert.All(titled, p => Assert.Contains(body, s => s.Contains(p.Phrase, StringComparison.OrdinalIgnoreCase)));
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
