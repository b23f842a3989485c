using DiscussionBot.Core.Answers;
using DiscussionBot.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DiscussionBot.Tests.Hosting;

public sealed class AnswerWarmUpTests
{
    private readonly List<string> _calls = [];
    private readonly Mock<ISummaryEngine> _summaries = new();
    private readonly Mock<IThemeEngine> _themes = new();
    private readonly Mock<IQuoteEngine> _quotes = new();

    public AnswerWarmUpTests()
    {
        _summaries.Setup(s => s.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<CancellationToken>()))
            .Callback((SummaryRequest r, CancellationToken _) => _calls.Add($"summary {r.Length}"))
            .ReturnsAsync(new Summary(null, "all", SummaryLength.Short, [], 0));
        _themes.Setup(t => t.FindThemesAsync(null, It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("themes"))
            .ReturnsAsync([]);
        _quotes.Setup(q => q.FindQuotesAsync(It.IsAny<QuoteRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("quote"))
            .ReturnsAsync(new QuoteResult("q", [], QuoteVerdict.NotInSources));
    }

    private AnswerWarmUp WarmUp() => new(_summaries.Object, _themes.Object, _quotes.Object, TimeProvider.System, NullLogger<AnswerWarmUp>.Instance);

    [Fact]
    public async Task WarmUpAsync_StoreWideBuildsComeBeforeTheModelLoads()
    {
        await WarmUp().WarmUpAsync(CancellationToken.None);

        // every summary length and the themes are built, and the quote search (which loads the model) comes last
        Assert.Equal(
            [.. Enum.GetValues<SummaryLength>().Select(l => $"summary {l}"), "themes", "quote"],
            _calls);
    }

    [Fact]
    public async Task WarmUpAsync_ThemesFail_StillLoadsTheModelWithoutThrowing()
    {
        _themes.Setup(t => t.FindThemesAsync(null, It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("broken store"));

        await WarmUp().WarmUpAsync(CancellationToken.None);

        Assert.Equal("quote", _calls[^1]);
    }

    [Fact]
    public async Task WarmUpAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        _summaries.Setup(s => s.SummarizeAsync(It.IsAny<SummaryRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WarmUp().WarmUpAsync(cancelled.Token));
    }
}
