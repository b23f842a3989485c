using DiscussionBot.Benchmarks;
using DiscussionBot.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Console.OutputEncoding = System.Text.Encoding.UTF8;
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(BenchmarkCommand.Help);
    return ExitCodes.Success;
}

try
{
    return await BenchmarkCommand.RunAsync(args, Console.Out, cancellation.Token);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync($"Usage error: {ex.Message}");
    return ExitCodes.Usage;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    return ExitCodes.Success;
}
