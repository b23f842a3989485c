using System.Diagnostics.Metrics;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Metrics;

/// <summary>
/// The bot's own instruments (meter <see cref="MeterName"/>): interactions by command and outcome, answer latency from
/// receipt, deferrals, and ingestion (documents by result and origin, and each ingestion's duration: the ingest verb and
/// start-up seeding as origin "files", <c>/source add</c> as "server"). Recorded beside the matching log lines; exported
/// only when <c>Metrics:Enabled</c> is set (<see cref="MetricsOptions"/>).
/// </summary>
public sealed class BotMetrics : IIngestionObserver
{
    public const string MeterName = "DiscussionBot";

    private readonly Counter<long> _interactions;
    private readonly Histogram<double> _answerSeconds;
    private readonly Counter<long> _deferrals;
    private readonly Counter<long> _ingested;
    private readonly Histogram<double> _ingestSeconds;

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
        _ingested = meter.CreateCounter<long>("discussionbot.ingest.documents", "{document}", "Documents ingested, by result and origin");
        _ingestSeconds = meter.CreateHistogram<double>(
            "discussionbot.ingest.duration",
            "s",
            "Time one ingestion took (reading, analysis and the write), by origin",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] });
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

    public void Completed(IngestionOrigin origin, IngestionReport report, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(report);
        string from = OriginTag(origin);
        Add("added", report.Added.Count, from);
        Add("updated", report.Updated.Count, from);
        Add("unchanged", report.Unchanged.Count, from);
        Add("duplicate", report.Duplicates.Count, from);
        _ingestSeconds.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("origin", from));
    }

    public void Rejected(IngestionOrigin origin, int documents, string reason) =>
        Add("rejected", documents, OriginTag(origin), new KeyValuePair<string, object?>("reason", reason));

    private static string OriginTag(IngestionOrigin origin) => origin == IngestionOrigin.Server ? "server" : "files";

    private void Add(string result, int count, string origin, KeyValuePair<string, object?>? reason = null)
    {
        if (count <= 0)
        {
            return;
        }

        var resultTag = new KeyValuePair<string, object?>("result", result);
        var originTag = new KeyValuePair<string, object?>("origin", origin);
        if (reason is { } why)
        {
            _ingested.Add(count, resultTag, originTag, why);
        }
        else
        {
            _ingested.Add(count, resultTag, originTag);
        }
    }
}
