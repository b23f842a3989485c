using System.Diagnostics.Metrics;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Metrics;

/// <summary>
/// The bot's own instruments (meter <see cref="MeterName"/>): interactions by command and outcome, answer latency from
/// receipt, deferrals, and documents ingested. Recorded beside the matching log lines; exported only when
/// <c>Metrics:Enabled</c> is set (<see cref="MetricsOptions"/>).
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "DiscussionBot";

    private readonly Counter<long> _interactions;
    private readonly Histogram<double> _answerSeconds;
    private readonly Counter<long> _deferrals;
    private readonly Counter<long> _ingested;

    public BotMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(MeterName);
        _interactions = meter.CreateCounter<long>("discussionbot.interactions", "{interaction}", "Interactions handled, by command and outcome");
        _answerSeconds = meter.CreateHistogram<double>(
            "discussionbot.interaction.duration",
            "s",
            "Time from receipt to the answer being sent (the deferral's edit for slow ones)",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2.5, 3, 5, 10, 30] });
        _deferrals = meter.CreateCounter<long>("discussionbot.interactions.deferred", "{interaction}", "Answers acknowledged first and sent later");
        _ingested = meter.CreateCounter<long>("discussionbot.ingest.documents", "{document}", "Documents ingested, by result");
    }

    /// <param name="command">The command as logs name it ("/quote", "button summary", "autocomplete /theme").</param>
    /// <param name="outcome">immediate, deferred, too_late, expired, already_acknowledged or failed.</param>
    public void Interaction(string command, string outcome, TimeSpan? latency)
    {
        var commandTag = new KeyValuePair<string, object?>("command", command);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        _interactions.Add(1, commandTag, outcomeTag);
        if (latency is { } elapsed)
        {
            _answerSeconds.Record(elapsed.TotalSeconds, commandTag, outcomeTag);
        }

        if (outcome == "deferred")
        {
            _deferrals.Add(1, commandTag);
        }
    }

    public void Ingestion(IngestionReport report)
    {
        Add("added", report.Added.Count);
        Add("updated", report.Updated.Count);
        Add("unchanged", report.Unchanged.Count);
        Add("duplicate", report.Duplicates.Count);
    }

    private void Add(string result, int count)
    {
        if (count > 0)
        {
            _ingested.Add(count, new KeyValuePair<string, object?>("result", result));
        }
    }
}
