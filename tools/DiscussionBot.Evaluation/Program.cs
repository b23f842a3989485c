using DiscussionBot.Evaluation;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Console.OutputEncoding = System.Text.Encoding.UTF8;
return await EvaluationCommand.RunAsync(args, cancellation.Token);
