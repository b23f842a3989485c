using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Lexical;

public sealed class NounPhrasesTests
{
    [Theory]
    [InlineData("interest rates", true)]
    [InlineData("Gordon Brown", true)]
    [InlineData("contrast fuels", false)]
    [InlineData("Blair dismisses quit", false)]
    [InlineData("supposed display serves", false)]
    [InlineData("father died", false)]
    [InlineData("chosen Manchester", false)]
    public void IsLikely_VerbFragments_AreNotNounPhrases(string phrase, bool expected) =>
        Assert.Equal(expected, NounPhrases.IsLikely(phrase));

    [Theory]
    [InlineData("the act of mourning is not viewed as a genuine expression of remorse.", "genuine expression", false)]
    [InlineData("the act of mourning is not viewed as a genuine expression of remorse.", "remorse", false)]
    [InlineData("Many saw a genuine expression of grief.", "genuine expression", true)]
    [InlineData("It was not staged, but a genuine expression of grief.", "genuine expression", true)]
    public void OccursUnnegated_NegatedInItsClause_IsNotFaithful(string sentence, string phrase, bool expected) =>
        Assert.Equal(expected, NounPhrases.OccursUnnegated(sentence, phrase));

    [Theory]
    [InlineData("foreign", false)]
    [InlineData("profits", true)]
    [InlineData("world record", true)]
    public void ActsAsModifier_WordBeforeItsNoun_IsNotAName(string phrase, bool names)
    {
        string[] sentences =
        [
            "The foreign secretary met foreign ministers to discuss profits.",
            "Profits rose while the world record stood.",
            "Her foreign policy set a world record, and profits jumped.",
        ];

        Assert.Equal(names, !NounPhrases.ActsAsModifier(phrase, sentences));
    }

    [Theory]
    [InlineData("won")]
    [InlineData("told")]
    public void IsLikely_IrregularPastTense_IsNotANounPhrase(string word) => Assert.False(NounPhrases.IsLikely(word));

    [Theory]
    [InlineData("It has all gone for him.", true)]
    [InlineData("This is why.", true)]
    [InlineData("Quarterly profits jumped 76%.", false)]
    public void Dangles_PronounOpeners(string sentence, bool expected) => Assert.Equal(expected, Openers.Dangles(sentence));
}
