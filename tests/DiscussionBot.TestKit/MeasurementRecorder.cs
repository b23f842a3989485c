using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace DiscussionBot.TestKit;

/// <summary>
/// Records what instruments of one meter report, through a <see cref="MeterListener"/>. Listens only to meters created by
/// <paramref name="scope"/> (a container's IMeterFactory), so hosts running in parallel tests never mix.
/// </summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measurement> _measurements = new();
    private readonly Waiter _waiter = new();

    public MeasurementRecorder(object scope, string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Everything recorded so far, in order.</summary>
    public IReadOnlyList<Measurement> Measurements => [.. _measurements];

    /// <summary>Waits until a measurement of <paramref name="instrument"/> matching <paramref name="match"/> was recorded.</summary>
    public async Task<Measurement> WaitForAsync(string instrument, Func<Measurement, bool>? match = null)
    {
        Measurement? found = null;
        await _waiter.UntilAsync(
            () =>
            {
                found = _measurements.FirstOrDefault(m => m.Instrument == instrument && (match is null || match(m)));
                return found is not null;
            },
            instrument,
            timeout: null);
        return found!;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
        _waiter.Pulse();
    }

    /// <summary>One recorded value with its tags.</summary>
    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags);
}
