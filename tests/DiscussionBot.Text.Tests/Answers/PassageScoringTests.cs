using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class PassageScoringTests
{
    [Theory]
    [InlineData("Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).")]
    [InlineData("Kim Jong Un's well-known rule — it's 'over', they said - isn't it?")]
    [InlineData("  ")]
    [InlineData("Dibaba set a world record over 5,000m: 14:32.93.")]
    public void WordCount_AnySentence_CountsTheTokenizersWords(string text) =>
        Assert.Equal(Tokenizer.Tokenize(text).Count, PassageScoring.WordCount(text));

    [Fact]
    public void WordCount_LongDocument_CountsEveryWord()
    {
        string text = string.Join(' ', Enumerable.Repeat("The troops' commander's well-known order, it's said, came at 5,000m.", 5000));

        Assert.Equal(Tokenizer.Tokenize(text).Count, PassageScoring.WordCount(text));
    }
}
