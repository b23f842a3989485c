using Microsoft.Extensions.Logging;

namespace DiscussionBot.Live;

/// <summary>The scope every log line about one interaction carries: its id, the command and the guild ("dm" outside one).</summary>
public static class InteractionLogScope
{
    // A message template, not a dictionary: the console logger prints a scope with ToString(), so this renders as
    // "=> Interaction 123 /quote in guild 456", and structured sinks still get the three named values.
    private static readonly Func<ILogger, string, string, string, IDisposable?> Format =
        LoggerMessage.DefineScope<string, string, string>("Interaction {InteractionId} {Command} in guild {GuildId}");

    public static IDisposable? Begin(ILogger logger, string interactionId, string command, string guildId) =>
        Format(logger, interactionId, command, guildId);
}
