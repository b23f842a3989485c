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

    [Fact]
    public void AbsentShare_WordsNoSentenceHolds_IsTheirShareOfTheWeight()
    {
        WeightedStem[] query = [new(3, 1.0), new(-1, 3.0), new(-1, 2.0, [[4, 5]])];

        // the third is written otherwise (split in two), so only the second is absent
        Assert.Equal(0.5, PassageScoring.AbsentShare(query), 9);
        Assert.Equal(0, PassageScoring.AbsentShare([]));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5)]
    [InlineData(3.0, 1.0)]
    public void Score_CoverageOfAPassageNoCloserThanAverage_CountsInProportionToItsDenseZ(double denseZ, double coverageCredit)
    {
        QuoteRankingOptions ranking = QuoteRankingOptions.Default with { CoverageDenseGate = 1, AbsentWordDenseWeight = 0 };
        var evidence = new PassageEvidence(ranking, hasVectors: true, absentShare: 0, new Dictionary<long, int> { [7] = 2 });
        var covered = new PassageFeatures(0, denseZ, 0.2, 1, 0, 0, 0, 0, 0, 0);
        PassageFeatures uncovered = covered with { Coverage = 0 };

        Assert.Equal(ranking.CoverageWeight * coverageCredit, evidence.Score(0, covered, 7) - evidence.Score(0, uncovered, 7), 9);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.0)]
    [InlineData(5, 1.0)]
    public void Score_DocumentPrior_CountsInPartForADocumentWithOneCandidateHoldingQueryWords(int covering, double priorCredit)
    {
        QuoteRankingOptions ranking = QuoteRankingOptions.Default with { DocumentPriorSentences = 2 };
        var evidence = new PassageEvidence(ranking, hasVectors: true, absentShare: 0, new Dictionary<long, int> { [7] = covering });
        var withPrior = new PassageFeatures(0, 0, 0.2, 0, 0, 1, 0, 0, 0, 0);
        PassageFeatures withoutPrior = withPrior with { DocumentPrior = 0 };

        Assert.Equal(ranking.DocumentPriorWeight * priorCredit, evidence.Score(0, withPrior, 7) - evidence.Score(0, withoutPrior, 7), 9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Score_WithoutQueryVector_DocumentPriorCountsInFull(int covering)
    {
        // lexical mode has no passage closer in meaning to give way to
        QuoteRankingOptions ranking = QuoteRankingOptions.Default with { DocumentPriorSentences = 2 };
        var evidence = new PassageEvidence(ranking, hasVectors: false, absentShare: 0, new Dictionary<long, int> { [7] = covering });
        var withPrior = new PassageFeatures(0, 0, double.NaN, 0, 0, 1, 0, 0, 0, 0);
        PassageFeatures withoutPrior = withPrior with { DocumentPrior = 0 };

        Assert.Equal(ranking.DocumentPriorWeight, evidence.Score(0, withPrior, 7) - evidence.Score(0, withoutPrior, 7), 9);
    }
}
