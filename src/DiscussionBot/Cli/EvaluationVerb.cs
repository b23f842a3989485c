namespace DiscussionBot.Cli;

/// <summary>The eval verb: runs the answer engine over an evaluation set.</summary>
public static class EvaluationVerb
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        throw new UsageException("eval is not in this build yet.");
    }
}
