using DiscussionBot.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the current verb cleanly; the host handles SIGTERM itself in live mode.
    e.Cancel = true;
    cancellation.Cancel();
};

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await CliApplication.RunAsync(args, Console.In, Console.Out, Console.Error, configure: null, cancellation.Token);
