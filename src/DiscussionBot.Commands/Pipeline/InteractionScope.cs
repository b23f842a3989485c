using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>Which documents an interaction may see: the operator's plus its server's own; only the operator's in a DM.</summary>
public static class InteractionScope
{
    public static DocumentScope Of(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.GuildId is { } guild ? DocumentScope.ForGuild(guild.Value) : DocumentScope.OperatorOnly;
    }
}
