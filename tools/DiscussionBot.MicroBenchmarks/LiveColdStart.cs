using System.Diagnostics;
using System.Globalization;
using DiscussionBot.TestKit.FakeDiscord;

namespace DiscussionBot.MicroBenchmarks;

/// <summary>
/// Cold start in live mode: from starting <c>DiscussionBot run</c> (token set) as a child process to IDENTIFY
/// received by TestKit's fake Discord on loopback, on a warm store. Lives here rather than in the app's bench
/// verb because the fake server belongs to the test kit.
/// </summary>
public static class LiveColdStart
{
    private const int IdentifyOp = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            await output.WriteLineAsync("usage: live-cold-start <DiscussionBot executable or dll> <seeds folder> [runs]");
            return 2;
        }

        string app = Path.GetFullPath(args[0]);
        string seeds = Path.GetFullPath(args[1]);
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        string folder = Path.Combine(Path.GetTempPath(), $"discussionbot-live-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("## Cold start to IDENTIFY (live mode, fake Discord on loopback, warm store)");
            await output.WriteLineAsync();
            await output.WriteLineAsync("| case | runs | median ms | min | max | load avg |");
            await output.WriteLineAsync("|---|---:|---:|---:|---:|---|");
            foreach (string mode in new[] { "Embedding", "Lexical" })
            {
                string store = Path.Combine(folder, $"{mode}.db");
                var times = new List<double>();
                for (int i = 0; i <= runs; i++)
                {
                    // run 0 builds the store from the seeds and is not timed
                    double ms = await TimeToIdentifyAsync(app, seeds, store, mode);
                    if (i > 0)
                    {
                        times.Add(ms);
                    }
                }

                times.Sort();
                string load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| `DiscussionBot run` → IDENTIFY (Engine:Mode={mode}) | {runs} | {times[times.Count / 2]:0} | {times[0]:0} | {times[^1]:0} | {load} |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }

    private static async Task<double> TimeToIdentifyAsync(string app, string seeds, string store, string mode)
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (app.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(app);
        }
        else
        {
            start.FileName = app;
        }

        start.ArgumentList.Add("run");
        start.Environment["Discord__Token"] = "bench-bot-token";
        start.Environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl;
        start.Environment["Store__Path"] = store;
        start.Environment["Store__SeedsPath"] = seeds;
        start.Environment["Engine__Mode"] = mode;

        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await discord.Gateway.WaitForFrameAsync(IdentifyOp, 1, TimeSpan.FromSeconds(120));
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            throw new InvalidOperationException($"no IDENTIFY within 120 s; the app said: {await Drain(process, stderr)}", ex);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await stdout;
            await stderr;
        }
    }

    private static async Task<string> Drain(Process process, Task<string> stderr)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        return await stderr;
    }
}
