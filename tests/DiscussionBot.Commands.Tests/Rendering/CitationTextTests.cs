using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Commands.Tests.Rendering;

public sealed class CitationTextTests
{
    private static readonly Citation Cited = new(7, "Jobs report", 4, 9);

    [Theory]
    [InlineData(0, "However, the firm cut jobs in the north. *(¶4)*")]
    [InlineData(9, "…the firm cut jobs in the north. *(¶4)*")] // quoted from the word after the connective
    public void Format_ShownFrom_QuotesTheShownSpanMarkedWithAnEllipsis(int shownFrom, string expected)
    {
        var sentence = new CitedSentence(Cited, "However, the firm cut jobs in the north.") { ShownFrom = shownFrom };

        Assert.Equal(expected, CitationText.Format(sentence, withTitle: false));
    }
}
