using System.Diagnostics;
using System.Globalization;
using DiscussionBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Benchmarks;

/// <summary>Builds the real DI graph (the same <see cref="DiscussionBotHost"/> the app uses) over a benchmark store.</summary>
internal static class BenchmarkHost
{
    /// <param name="configure">Extra services, e.g. live mode's (the <c>/source add</c> phase).</param>
    /// <param name="interactive">Console logging as the one-shot verbs have it; by default only without <paramref name="configure"/>.</param>
    public static IHost Build(
        string storePath, string seedsFolder, string engineMode, IReadOnlyDictionary<string, string?>? extra = null, Action<HostApplicationBuilder>? configure = null,
        bool? interactive = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Path"] = storePath,
            ["Store:SeedsPath"] = seedsFolder,
            ["Engine:Mode"] = engineMode,

            // The router's per-member cooldown would turn most benchmark commands into "please wait" replies.
            ["Commands:CooldownBurst"] = "1000",
            ["Commands:CooldownSecondsPerCommand"] = "0.1",
        };
        foreach (KeyValuePair<string, string?> pair in extra ?? new Dictionary<string, string?>())
        {
            settings[pair.Key] = pair.Value;
        }

        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(interactive: interactive ?? configure is null, c => c.AddInMemoryCollection(settings));
        configure?.Invoke(builder);
        return builder.Build();
    }
}

/// <summary>Wall time and process CPU time over a span, so we can say how many cores a step kept busy.</summary>
internal sealed class CpuMeter
{
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    public TimeSpan Wall => _wall.Elapsed;

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;

    /// <summary>Process CPU time / wall time: 2.0 means both cores of this machine busy the whole time.</summary>
    public double CoresBusy => Wall.TotalSeconds <= 0 ? 0 : Cpu.TotalSeconds / Wall.TotalSeconds;
}

/// <summary>Samples the working set and the managed heap in the background and keeps the peaks.</summary>
internal sealed class MemorySampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakWorkingSet;
    private long _peakManaged;

    public MemorySampler()
    {
        Sample();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample();
                try
                {
                    await Task.Delay(25, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public long PeakManaged => Interlocked.Read(ref _peakManaged);

    public void Sample()
    {
        using var process = Process.GetCurrentProcess();
        Max(ref _peakWorkingSet, process.WorkingSet64);
        Max(ref _peakManaged, GC.GetTotalMemory(forceFullCollection: false));
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait();
        Sample();
        _stop.Dispose();
    }

    private static void Max(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>Latency percentiles (nearest rank) and number formatting for the tables.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Ms(double value) => double.IsNaN(value) ? "n/a" : value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    public static string F(double value, string format = "0.0") => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0", CultureInfo.InvariantCulture);

    public static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

/// <summary>
/// The process's memory as Linux accounts it (/proc/self/status): resident anonymous pages (heaps, native allocations)
/// and file-backed ones (mapped assemblies and libraries), and the peak resident size, which
/// <see cref="ResetPeak"/> restarts so each stage of a run can report its own peak. Zero where /proc is missing.
/// </summary>
internal static class ProcessMemory
{
    public static (long Anonymous, long FileBacked, long Peak) Read()
    {
        long anonymous = 0, file = 0, peak = 0;
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anonymous = Kilobytes(line);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
                {
                    file = Kilobytes(line);
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (0, 0, 0);
        }

        return (anonymous, file, peak);
    }

    /// <summary>Restarts the peak resident size (VmHWM) from the current one; false where the kernel does not allow it.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}
