using DiscussionBot.Hosting;
using DiscussionBot.Live;
using DiscussionBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace DiscussionBot.Tests.Hosting;

/// <summary>What an operator reads: the console formatter exactly as the host configures it.</summary>
public sealed class LoggingTests
{
    [Fact]
    public void LiveLogging_InteractionScope_RenderedAsIdCommandAndGuild()
    {
        string line = Render(interactive: false);

        Assert.Contains("=> Interaction 1234 /quote in guild 5678", line, StringComparison.Ordinal);
        Assert.Contains("Answered /quote", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Dictionary", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd().Split('\n'));
    }

    [Fact]
    public void InteractiveLogging_NoScopes()
    {
        string line = Render(interactive: true);

        Assert.DoesNotContain("Interaction 1234", line, StringComparison.Ordinal);
    }

    private static string Render(bool interactive)
    {
        using IHost host = DiscussionBotHost.CreateBuilder(interactive, configure: null).Build();
        ConsoleFormatter simple = host.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Simple);
        var scopes = new LoggerExternalScopeProvider();
        using var provider = new CollectingLoggerProvider();
        provider.SetScopeProvider(scopes);
        ILogger logger = provider.CreateLogger("DiscussionBot.Live.InteractionResponder");
        var output = new StringWriter();
        using (InteractionLogScope.Begin(logger, "1234", "/quote", "5678"))
        {
            var entry = new Microsoft.Extensions.Logging.Abstractions.LogEntry<string>(
                LogLevel.Information, "DiscussionBot.Live.InteractionResponder", new EventId(3020), "Answered /quote in 12 ms (immediate)", null, (state, _) => state);
            simple.Write(entry, scopes, output);
        }

        return output.ToString();
    }
}
