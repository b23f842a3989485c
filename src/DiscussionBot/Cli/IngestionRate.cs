using System.Globalization;

namespace DiscussionBot.Cli;

/// <summary>
/// Rate and time left of an ingestion's writing stage, measured from its first report, so documents skipped as
/// unchanged (counted at once) do not inflate the rate.
/// </summary>
public sealed class IngestionRate(TimeProvider time)
{
    private long? _startTicks;
    private int _startDone;

    public string Describe(int done, int total)
    {
        long now = time.GetTimestamp();
        if (_startTicks is null)
        {
            _startTicks = now;
            _startDone = done;
        }

        string count = string.Create(CultureInfo.InvariantCulture, $"{done:N0}/{total:N0} documents");
        double seconds = time.GetElapsedTime(_startTicks.Value, now).TotalSeconds;
        int progressed = done - _startDone;
        if (progressed <= 0 || seconds <= 0)
        {
            return count;
        }

        double perSecond = progressed / seconds;
        string rate = string.Create(CultureInfo.InvariantCulture, $"{perSecond:0.#}/s");
        return done >= total ? $"{count} · {rate}" : $"{count} · {rate} · about {FormatDuration(TimeSpan.FromSeconds((total - done) / perSecond))} left";
    }

    public static string FormatDuration(TimeSpan span) => span.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(span.TotalSeconds):0}s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m {span.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m"),
    };
}
