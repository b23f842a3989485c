using DiscussionBot.Core.Answers;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Hosting;

/// <summary>
/// Computes, before the bot takes interactions, what the first command of each kind would otherwise compute while
/// members wait: the corpus snapshot, the whole-store summaries and themes, and the sentence model (via a quote
/// search). It asks the same Core use cases the commands ask, so it stays right whatever the engines memoise.
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

        // The whole-store summaries and themes first: their builds allocate far more than they keep, and the
        // engine hands that memory back when a build ends. The sentence model (~150 MB native) then loads on top
        // of the reclaimed heap instead of beside the build's garbage, which keeps the serving peak lower.
        bool warm = true;
        foreach (SummaryLength length in Enum.GetValues<SummaryLength>())
        {
            warm &= await TryAsync(() => summaries.SummarizeAsync(new SummaryRequest(null, length), cancellationToken), cancellationToken);
        }

        warm &= await TryAsync(() => themes.FindThemesAsync(null, cancellationToken), cancellationToken);
        warm &= await TryAsync(() => quotes.FindQuotesAsync(new QuoteRequest(WarmUpQuery, null, 1), cancellationToken), cancellationToken);
        if (warm)
        {
            LogWarmedUp((long)time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>One step; a failure is not fatal (each command computes what it needs, and reports its own errors, when asked) and does not keep the other steps from warming.</summary>
    private async Task<bool> TryAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        try
        {
            await step();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogWarmUpFailed(ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Warmed up the answer engine (model, corpus, whole-store summaries and themes) in {ElapsedMs} ms")]
    private partial void LogWarmedUp(long elapsedMs);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "A warm-up step of the answer engine failed; the first command of that kind computes what it needs")]
    private partial void LogWarmUpFailed(Exception exception);
}
