using DiscussionBot.Core.Answers;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Hosting;

/// <summary>
/// Computes, before the bot takes interactions, what the first command of each kind would otherwise compute while
/// members wait: the sentence model and the corpus snapshot (via a quote search), the whole-store summaries and
/// themes. It asks the same Core use cases the commands ask, so it stays right whatever the engines memoise.
/// </summary>
public sealed partial class AnswerWarmUp(
    ISummaryEngine summaries,
    IThemeEngine themes,
    IQuoteEngine quotes,
    TimeProvider time,
    ILogger<AnswerWarmUp> logger)
{
    /// <summary>Any query does: the first search loads the model, embeds a query and reads the corpus snapshot.</summary>
    private const string WarmUpQuery = "what the sources say";

    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        try
        {
            await quotes.FindQuotesAsync(new QuoteRequest(WarmUpQuery, null, 1), cancellationToken);
            foreach (SummaryLength length in Enum.GetValues<SummaryLength>())
            {
                await summaries.SummarizeAsync(new SummaryRequest(null, length), cancellationToken);
            }

            await themes.FindThemesAsync(null, cancellationToken);
            LogWarmedUp((long)time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not fatal: each command computes what it needs (and reports its own errors) when it is asked.
            LogWarmUpFailed(ex);
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Warmed up the answer engine (model, corpus, whole-store summaries and themes) in {ElapsedMs} ms")]
    private partial void LogWarmedUp(long elapsedMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Warming up the answer engine failed; the first commands compute what they need")]
    private partial void LogWarmUpFailed(Exception exception);
}
