using Microsoft.Extensions.Configuration;

namespace DiscussionBot.Hosting;

/// <summary>Runs the bot on Discord. Wired to the gateway client in the live-client issue.</summary>
public static class LiveMode
{
    public static Task<int> RunAsync(string[] args, Action<IConfigurationBuilder>? configure, CancellationToken cancellationToken)
    {
        throw new Cli.UsageException("live Discord mode is not in this build yet; unset Discord__Token to use the local console.");
    }
}
