using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>Who may add and remove a server's sources. Bound from the <c>Sources</c> configuration section.</summary>
public sealed class SourceModeratorOptions
{
    public const string SectionName = "Sources";

    /// <summary>Roles whose members may manage sources without Manage Server (e.g. a "Librarian" role).</summary>
    public List<ulong> ModeratorRoleIds { get; set; } = [];
}

/// <summary>
/// Decides, on our side and from the interaction itself, whether the invoking member may manage the server's
/// sources: Manage Server or Administrator in the member's permission bits, or one of the configured roles.
/// Never in a DM: sources added from Discord belong to a server.
/// </summary>
public sealed class SourceModerators(IOptions<SourceModeratorOptions> options)
{
    public const Permissions RequiredPermissions = Permissions.ManageGuild;

    private readonly HashSet<ulong> _roles = [.. options.Value.ModeratorRoleIds];

    public bool MayManageSources(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.GuildId is null || interaction.Member is null)
        {
            return false;
        }

        return interaction.InvokerPermissions.Grants(RequiredPermissions) ||
               (interaction.Member.Roles ?? []).Any(role => _roles.Contains(role.Value));
    }
}
