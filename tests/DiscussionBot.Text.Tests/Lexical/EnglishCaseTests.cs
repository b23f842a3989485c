using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Lexical;

public sealed class EnglishCaseTests
{
    [Theory]
    [InlineData("putin", true)]
    [InlineData("gibraltar", true)]
    [InlineData("pyongyang", true)]
    [InlineData("kim", true)]
    [InlineData("crying", false)] // a word English writes in lower case
    [InlineData("jewelry", false)]
    [InlineData("weather", false)]
    [InlineData("apple", false)] // a name too, but also a word
    [InlineData("zorbingly", false)] // not held whole: it cannot tell
    public void IsName_WordEnglishWritesWithACapitalOnly_IsAName(string word, bool expected) =>
        Assert.Equal(expected, EnglishCase.IsName(word));

    [Theory]
    [InlineData("crying", true)]
    [InlineData("tariffs", true)]
    [InlineData("putin", false)]
    [InlineData("zorbingly", false)]
    public void IsWrittenLowerCase_CommonWord_IsTrue(string word, bool expected) =>
        Assert.Equal(expected, EnglishCase.IsWrittenLowerCase(word));

    [Fact]
    public void ReadWholeWords_Vocabulary_HoldsWordsOfLettersOnlyWithoutTheirSpace()
    {
        List<string> words = EnglishCase.ReadWholeWords();

        // GPT-2's 50,257 tokens hold about 30,000 whole words after a space
        Assert.InRange(words.Count, 20_000, 50_257);
        Assert.Contains("Putin", words);
        Assert.Contains("crying", words);
        Assert.All(words, w => Assert.True(w.All(char.IsAsciiLetter) && w[1..].All(char.IsAsciiLetterLower), w));
    }
}
