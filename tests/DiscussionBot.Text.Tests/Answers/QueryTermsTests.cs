using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class QueryTermsTests
{
    private static readonly SentenceRow[] Rows =
    [
        new(1, 0, 1, "Quarterly profits at US media giant TimeWarner jumped 76%.", 0),
        new(1, 1, 1, "Dibaba set a world record over 5,000m indoors.", 0),
        new(1, 2, 1, "The time of the race was a record.", 0),
        new(1, 3, 1, "Warner Bros had a poor year.", 0),
    ];

    [Fact]
    public void Resolve_TwoWordsTheSourcesWriteAsOne_EitherWordIsHeldByTheJoinedWord()
    {
        SnapshotTerms terms = SnapshotTerms.Build(Rows);

        (List<WeightedStem> stems, List<string> extra) = QueryTerms.Resolve(terms, Rows.Length, Content("Time Warner profit"));

        Assert.Contains("timewarner", extra);
        Assert.All(stems, s => Assert.True(s.IsHeldBy(terms, 0), $"stem {s.Id} not held by the TimeWarner sentence"));
        Assert.False(stems[0].IsHeldBy(terms, 3));
        Assert.True(stems[1].IsHeldBy(terms, 3));
    }

    [Theory]
    [InlineData("5000m", "5 000m")]
    [InlineData("timewarner", null)]
    public void Resolve_AWordTheSourcesWriteAsTwo_IsSplitWhenBothPartsAreKnown(string word, string? expected)
    {
        SentenceRow[] rows = [.. Rows, new SentenceRow(2, 0, 1, "Time and tide.", 0)];
        SnapshotTerms terms = SnapshotTerms.Build(rows);

        (List<WeightedStem> stems, List<string> extra) = QueryTerms.Resolve(terms, rows.Length, Content($"{word} record"));

        if (expected is null)
        {
            // a word the sources use as it is never gets split
            Assert.Empty(extra);
        }
        else
        {
            Assert.Equal([expected], extra);
            Assert.True(stems[0].IsHeldBy(terms, 1));
            Assert.False(stems[0].IsHeldBy(terms, 2));
        }
    }

    [Theory]
    [InlineData("who won the race", "win")]
    [InlineData("who wins the race", "won")]
    [InlineData("who broke the record", "break")]
    public void Resolve_AnIrregularVerb_IsHeldByItsOtherForms(string query, string searched)
    {
        SentenceRow[] rows =
        [
            new(1, 0, 1, "Dibaba set a record in winning the 5,000m.", 0),
            new(1, 1, 1, "Cragg won in 7:39.89.", 0),
            new(1, 2, 1, "Nobody could break the record.", 0),
            new(1, 3, 1, "The race was long.", 0),
        ];
        SnapshotTerms terms = SnapshotTerms.Build(rows);

        (List<WeightedStem> stems, List<string> extra) = QueryTerms.Resolve(terms, rows.Length, Content(query));

        // "winning" stems to "win", which "won" never reaches; the verb's forms are searched too
        Assert.Contains(searched, extra);
        Assert.True(searched == "break" ? stems[0].IsHeldBy(terms, 2) : stems[0].IsHeldBy(terms, 0) && stems[0].IsHeldBy(terms, 1));
        Assert.False(stems[0].IsHeldBy(terms, 3));
    }

    [Fact]
    public void SelectExtraSearchTerms_AFormInMostSentences_IsNotSearchedButStillCounts()
    {
        // "said" in 55 of 60 sentences: more than the common share (at least 50 sentences), so "say" is not searched as
        // "said"; the rarer "win" and a split word's phrase are
        SentenceRow[] rows =
        [
            .. Enumerable.Range(0, 55).Select(i => new SentenceRow(1, i, 1, $"The minister said item {i} was ready.", 0)),
            .. Enumerable.Range(55, 5).Select(i => new SentenceRow(1, i, 1, "Dibaba set a record in winning the 5,000m.", 0)),
        ];
        var snapshot = new CorpusSnapshot(1, [], rows, 0, null, null);
        QueryWords words = QueryWords.Read(snapshot, "what did they say about who won the 5000m");

        List<string> searched = [.. QuoteEngine.SelectExtraSearchTerms(snapshot, words.ExtraSearchTerms, QuoteRankingOptions.Default.CommonTermShare)];

        Assert.Contains("said", words.ExtraSearchTerms);
        Assert.DoesNotContain("said", searched);
        Assert.Contains("win", searched);
        Assert.Contains("5 000m", searched);
        Assert.True(words.Stems[0].IsHeldBy(snapshot.Terms, 0));
    }

    [Fact]
    public void Resolve_AWordThatIsNoIrregularVerb_GetsNoOtherForm()
    {
        SnapshotTerms terms = SnapshotTerms.Build(Rows);

        (List<WeightedStem> stems, List<string> extra) = QueryTerms.Resolve(terms, Rows.Length, Content("world record"));

        Assert.Empty(extra);
        Assert.All(stems, s => Assert.Null(s.OtherSpellings));
    }

    [Fact]
    public void Split_PartsTooShortOrUnknown_IsNull()
    {
        SnapshotTerms terms = SnapshotTerms.Build(Rows);

        Assert.Null(QueryTerms.Split(terms, "warnerzzz"));
        Assert.Null(QueryTerms.Split(terms, "atime"));
        Assert.Equal(("time", "warner"), QueryTerms.Split(terms, "timewarner"));
    }

    [Fact]
    public void Resolve_LongQueryOnALargeStore_StaysFast()
    {
        SentenceRow[] rows = Enumerable.Range(0, 20_000)
            .Select(i => new SentenceRow(i / 20, i % 20, 1, $"Report {i} on grain prices and harvest{i % 50} yields.", 0))
            .ToArray();
        SnapshotTerms terms = SnapshotTerms.Build(rows);
        string query = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"grainharvest{i} unknownword{i}"));

        (List<WeightedStem> stems, _) = QueryTerms.Resolve(terms, rows.Length, Content(query));

        Assert.Equal(400, stems.Count);
    }

    private static List<Token> Content(string query) => Tokenizer.Tokenize(query).Where(t => !t.IsStopWord && t.Lower.Length > 1).ToList();
}
