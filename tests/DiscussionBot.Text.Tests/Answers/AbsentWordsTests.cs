using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class AbsentWordsTests
{
    private static readonly CorpusSnapshot Snapshot = new(
        1,
        [],
        [
            new(1, 0, 1, "The crowd mourned the soldiers in grief.", 0),
            new(1, 1, 1, "Kim Jong Un said the soldiers would receive medals.", 0),
        ],
        0,
        null,
        null);

    // the sentence model's vocabulary, as far as these tests ask
    private static readonly HashSet<string> ModelWords = ["weather", "crying", "receive", "say", "putin", "jewelry", "expensive", "gibraltar"];

    // how English writes them, as far as these tests ask: a capital only, or also in lower case
    private static readonly HashSet<string> EnglishNames = ["putin", "gibraltar", "pyongyang"];
    private static readonly HashSet<string> EnglishLowerCase = ["weather", "crying", "receive", "say", "jewelry", "expensive", "soldiers"];

    [Theory]
    [InlineData("what did Putin say", true)]
    [InlineData("weather in Pyongyang", true)]
    [InlineData("weather in pyongyang", true)]
    [InlineData("what did putin say", true)]
    [InlineData("Putin", true)]
    [InlineData("expensive jewelry", false)]
    [InlineData("did the soldiers recieve medals", false)]
    [InlineData("what did Kim say", false)]
    [InlineData("Crying", false)]
    [InlineData("crying", false)]
    public void HasName_AbsentWordCapitalisedWrittenAsANameOrUnknownToTheModel_IsAName(string query, bool expected) =>
        Assert.Equal(expected, Read(query).HasName());

    [Theory]
    [InlineData("Crying", false)] // English writes "crying": the capital is the query's
    [InlineData("Gibraltar", true)]
    [InlineData("Zorbing", true)] // English holds no "zorbing" whole: it may be a name
    [InlineData("crying", false)]
    [InlineData("Soldiers", false)]
    public void MayHaveName_CapitalisedFirstWordTheSourcesLack_MayBeANameUnlessEnglishWritesItInLowerCase(string query, bool expected) =>
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
        Assert.True(new AbsentWords(QueryWords.Read(Snapshot, "zorb"), w => w.SequenceEqual("zorba"), _ => false, _ => false).HasName());

    [Theory]
    [InlineData("recieve", "receive")] // two letters swapped
    [InlineData("receve", "receive")] // one dropped
    [InlineData("receeive", "receive")] // one added
    [InlineData("reseive", "receive")] // one changed
    [InlineData("receivex", "receive")] // one added at the end
    [InlineData("xeceive", "receive")] // the first changed
    public void AnyOneEditAway_OneLetterFromAKnownWord_IsFound(string typed, string known) =>
        Assert.True(AbsentWords.AnyOneEditAway(typed, w => w.SequenceEqual(known)));

    [Theory]
    [InlineData("recvee", "receive")] // two letters away
    [InlineData("receive", "receive")] // the word itself is no edit
    public void AnyOneEditAway_FartherOrTheSameWord_IsNotFound(string typed, string known) =>
        Assert.False(AbsentWords.AnyOneEditAway(typed, w => w.SequenceEqual(known)));

    [Fact]
    public void AnyOneEditAway_WritesEachCandidateIntoOneBuffer_AllocatesNothing()
    {
        WordCheck none = static _ => false;
        AbsentWords.AnyOneEditAway("pyongyang", none); // warm up (JIT)

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool found = AbsentWords.AnyOneEditAway("pyongyang", none);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(found);
        Assert.Equal(0, allocated);
    }

    private static AbsentWords Read(string query) => new(
        QueryWords.Read(Snapshot, query),
        w => ModelWords.Contains(w.ToString()),
        w => EnglishNames.Contains(w.ToString()),
        w => EnglishLowerCase.Contains(w.ToString()));
}
