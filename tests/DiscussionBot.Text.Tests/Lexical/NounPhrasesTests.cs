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
    [InlineData("However, the company said profit rose 8%.", true)]
    [InlineData("Meanwhile the unit lost subscribers.", true)]
    [InlineData("Instead, the firm will offer the service free.", true)]
    [InlineData("Instead of waiting, the firm cut prices.", false)]
    [InlineData("In addition, sales rose.", true)]
    [InlineData("Still images of the launch were shown.", false)]
    [InlineData("“It’s a narrative that prompts questions.”", true)]
    public void Dangles_PronounOpeners(string sentence, bool expected) => Assert.Equal(expected, Openers.Dangles(sentence));

    [Theory]
    [InlineData("However, the company said profit rose 8%.", "the company said profit rose 8%.")]
    [InlineData("And yet, he said the plan would work.", "he said the plan would work.")]
    [InlineData("In addition, sales rose by a tenth.", "sales rose by a tenth.")]
    [InlineData("So far, 15 people have died.", "So far, 15 people have died.")] // not a connective
    [InlineData("Otherwise, the firm would have cut jobs.", "Otherwise, the firm would have cut jobs.")] // leaving it out changes the meaning
    [InlineData("“But we will win,” he said.", "“But we will win,” he said.")] // a quotation mark before it: left whole
    [InlineData("But it works.", "But it works.")] // too little would be left
    public void ConnectiveEnd_OpeningConnective_IsLeftOutOnlyWhereTheRestStands(string sentence, string rest) =>
        Assert.Equal(rest, sentence[Openers.ConnectiveEnd(sentence)..]);
}
