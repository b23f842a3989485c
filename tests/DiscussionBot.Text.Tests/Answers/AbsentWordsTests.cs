using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class AbsentWordsTests
{
    private static readonly SentenceRow[] Rows =
    [
        new(1, 0, 1, "The crowd mourned the soldiers in grief.", 0),
        new(1, 1, 1, "Kim Jong Un said the soldiers would receive medals.", 0),
    ];

    // the sentence model's vocabulary, as far as these tests ask
    private static readonly HashSet<string> ModelWords = ["weather", "crying", "receive", "say", "putin", "jewelry", "expensive"];

    [Theory]
    [InlineData("what did Putin say", true)]
    [InlineData("weather in Pyongyang", true)]
    [InlineData("weather in pyongyang", true)]
    [InlineData("what did putin say", false)]
    [InlineData("expensive jewelry", false)]
    [InlineData("did the soldiers recieve medals", false)]
    [InlineData("what did Kim say", false)]
    [InlineData("Crying", false)]
    [InlineData("crying", false)]
    public void HasName_AbsentWordCapitalisedOrUnknownToTheModel_IsAName(string query, bool expected) =>
        Assert.Equal(expected, Read(query).HasName());

    [Theory]
    [InlineData("Crying", true)]
    [InlineData("Gibraltar", true)]
    [InlineData("crying", false)]
    [InlineData("Soldiers", false)]
    public void MayHaveName_CapitalisedFirstWordTheSourcesLack_MayBeAName(string query, bool expected) =>
        Assert.Equal(expected, Read(query).MayHaveName());

    [Theory]
    [InlineData("crying", true, 1)]
    [InlineData("people crying", true, 2)]
    [InlineData("crowd crying", false, 1)]
    [InlineData("expensive jewelry", true, 2)]
    [InlineData("soldiers", false, 0)]
    public void All_NoContentWordInTheSources_IsTrue(string query, bool all, int absent)
    {
        AbsentWords words = Read(query);

        Assert.Equal(all, words.All);
        Assert.Equal(absent, words.Words.Count);
    }

    [Fact]
    public void HasName_ShortUnknownWord_IsNotReadAsAMisspelling() =>

        // "zorb" is one letter from "zorba"-like words, but four letters are too few to call it a misspelling
        Assert.True(new AbsentWords("zorb", Content("zorb"), Stems("zorb"), w => w == "zorba").HasName());

    private static AbsentWords Read(string query) => new(query, Content(query), Stems(query), ModelWords.Contains);

    private static List<WeightedStem> Stems(string query) =>
        QueryTerms.Resolve(SnapshotTerms.Build(Rows), Rows.Length, Content(query)).Stems;

    private static List<Token> Content(string query) => Tokenizer.Tokenize(query).Where(t => !t.IsStopWord && t.Lower.Length > 1).ToList();
}
