using System.Diagnostics;

namespace DiscussionBot.Benchmarks;

/// <summary>One cold-start case: a fresh process answering one command from a warm store.</summary>
internal sealed record ColdStartResult(string Case, int Runs, double FirstAnswerMedianMs, double FirstAnswerMinMs, double FirstAnswerMaxMs, double ExitMedianMs, int Failures, string Load);

/// <summary>
/// Times <c>DiscussionBot ask "..."</c> as child processes: from process start to the first line of the
/// answer on stdout, and to exit. The store is built (and so warm) before the first timed run.
/// </summary>
internal static class ColdStartBenchmark
{
    /// <param name="app">The app to start (--app); null means the DiscussionBot.dll built beside this tool.</param>
    public static async Task<List<ColdStartResult>> RunAsync(string? app, string storePath, string seedsFolder, int runs, TextWriter log, CancellationToken cancellationToken)
    {
        var results = new List<ColdStartResult>();
        foreach (string mode in new[] { "Embedding", "Lexical" })
        {
            string modeStore = Path.Combine(Path.GetDirectoryName(storePath)!, $"cold-{mode.ToLowerInvariant()}.db");
            IngestionBenchmark.DeleteStore(modeStore);

            // Builds the store from the seeds; not timed.
            await RunOnceAsync(app, modeStore, seedsFolder, mode, "/help", cancellationToken);
            foreach (string line in new[] { "/help", "/quote query:cannon fodder" })
            {
                var firsts = new List<double>();
                var exits = new List<double>();
                int failures = 0;
                for (int i = 0; i < runs; i++)
                {
                    (double first, double exit, bool ok) = await RunOnceAsync(app, modeStore, seedsFolder, mode, line, cancellationToken);
                    if (!ok)
                    {
                        failures++;
                        continue;
                    }

                    firsts.Add(first);
                    exits.Add(exit);
                }

                string name = $"ask \"{line}\" (Engine:Mode={mode})";
                await log.WriteLineAsync($"  cold start {name}: {string.Join(", ", firsts.Select(f => Stats.Ms(f)))} ms");
                results.Add(new ColdStartResult(
                    name,
                    runs,
                    Stats.Median(firsts),
                    firsts.Count > 0 ? firsts.Min() : double.NaN,
                    firsts.Count > 0 ? firsts.Max() : double.NaN,
                    Stats.Median(exits),
                    failures,
                    Stats.LoadAverage()));
            }
        }

        return results;
    }

    private static async Task<(double FirstAnswerMs, double ExitMs, bool Ok)> RunOnceAsync(
        string? app, string storePath, string seedsFolder, string mode, string line, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(seedsFolder) ?? Environment.CurrentDirectory,
        };

        // The app itself (its apphost, or dotnet + its dll), built beside this tool or given with --app.
        app ??= Path.Combine(AppContext.BaseDirectory, "DiscussionBot.dll");
        if (app.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            start.FileName = "dotnet";
            start.ArgumentList.Add(app);
        }
        else
        {
            start.FileName = app;
        }

        start.ArgumentList.Add("ask");
        start.ArgumentList.Add(line);
        start.Environment["Store__Path"] = storePath;
        start.Environment["Store__SeedsPath"] = seedsFolder;
        start.Environment["Engine__Mode"] = mode;
        start.Environment.Remove("Discord__Token");

        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        Task<string> errors = process.StandardError.ReadToEndAsync(cancellationToken);
        string? first = await process.StandardOutput.ReadLineAsync(cancellationToken);
        double firstMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        double exitMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await errors;
        return (firstMs, exitMs, process.ExitCode == 0 && first is not null);
    }
}
