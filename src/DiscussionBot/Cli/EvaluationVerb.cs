using DiscussionBot.Evaluation;

namespace DiscussionBot.Cli;

/// <summary>The eval verb: runs the answer engine over an evaluation set (see <see cref="EvaluationCommand"/>).</summary>
public static class EvaluationVerb
{
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        EvaluationCommand.RunAsync(args, cancellationToken);
}
