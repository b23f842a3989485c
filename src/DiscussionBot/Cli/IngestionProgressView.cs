using DiscussionBot.Core.Ingestion;
using Spectre.Console;

namespace DiscussionBot.Cli;

/// <summary>
/// Shows an ingestion's progress: on a terminal a Spectre.Console bar with the count, rate and time left; when
/// output is redirected, one plain line when checking starts and one per committed batch.
/// </summary>
public static class IngestionProgressView
{
    public static Task<IngestionReport> RunAsync(
        bool terminal,
        TextWriter output,
        TimeProvider time,
        Func<IProgress<IngestionProgress>, Task<IngestionReport>> ingest)
    {
        var rate = new IngestionRate(time);
        if (!terminal)
        {
            return ingest(new PlainLines(output, rate));
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(context =>
            {
                ProgressTask reading = context.AddTask("Checking files");
                ProgressTask writing = context.AddTask("Ingesting", autoStart: false);
                return ingest(new Bar(reading, writing, rate));
            });
    }

    private sealed class PlainLines(TextWriter output, IngestionRate rate) : IProgress<IngestionProgress>
    {
        private readonly Lock _lock = new();
        private bool _announcedReading;
        private int _lastWritten = -1;

        public void Report(IngestionProgress value)
        {
            lock (_lock)
            {
                if (value.Stage == IngestionStage.Reading && !_announcedReading)
                {
                    _announcedReading = true;
                    output.WriteLine($"Checking {value.Total:N0} files before writing anything…");
                }
                else if (value.Stage == IngestionStage.Writing && value.Done != _lastWritten)
                {
                    _lastWritten = value.Done;
                    output.WriteLine($"  {rate.Describe(value.Done, value.Total)}");
                }
            }
        }
    }

    private sealed class Bar(ProgressTask reading, ProgressTask writing, IngestionRate rate) : IProgress<IngestionProgress>
    {
        private readonly Lock _lock = new();

        public void Report(IngestionProgress value)
        {
            lock (_lock)
            {
                ProgressTask task = value.Stage == IngestionStage.Reading ? reading : writing;
                task.MaxValue = Math.Max(1, value.Total);
                task.Value = Math.Max(task.Value, value.Done);
                if (value.Stage == IngestionStage.Writing)
                {
                    reading.Value = reading.MaxValue;
                    writing.StartTask();
                    writing.Description = Markup.Escape($"Ingesting {rate.Describe(value.Done, value.Total)}");
                }
                else
                {
                    reading.Description = Markup.Escape($"Checking {value.Done:N0}/{value.Total:N0} files");
                }
            }
        }
    }
}
