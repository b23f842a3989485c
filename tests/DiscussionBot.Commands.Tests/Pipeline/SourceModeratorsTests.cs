using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Discord.Models;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands.Tests.Pipeline;

public sealed class SourceModeratorsTests
{
    private const ulong LibrarianRole = 777;

    private readonly SourceModerators _moderators = new(Options.Create(new SourceModeratorOptions { ModeratorRoleIds = [LibrarianRole] }));

    [Theory]
    [InlineData(Permissions.ManageGuild, true)]
    [InlineData(Permissions.Administrator, true)]
    [InlineData(Permissions.ManageGuild | Permissions.SendMessages, true)]
    [InlineData(Permissions.ManageMessages | Permissions.PinMessages, false)]
    [InlineData(Permissions.None, false)]
    public void MayManageSources_FromPermissionBits(Permissions granted, bool expected)
    {
        Interaction interaction = Interactions.Command("source", PermissionsFormat.Format(granted));

        Assert.Equal(expected, _moderators.MayManageSources(interaction));
    }

    [Fact]
    public void MayManageSources_ConfiguredRoleWithoutPermissions_Allowed()
    {
        Interaction interaction = Interactions.Command("source", PermissionsFormat.Format(Permissions.None));
        interaction = interaction with { Member = interaction.Member! with { Roles = [new Snowflake(1), new Snowflake(LibrarianRole)] } };

        Assert.True(_moderators.MayManageSources(interaction));
    }

    [Fact]
    public void MayManageSources_DirectMessage_NeverEvenForAnAdministrator()
    {
        Interaction interaction = Interactions.Command("source", PermissionsFormat.Format(Permissions.Administrator)) with { GuildId = null };

        Assert.False(_moderators.MayManageSources(interaction));
    }
}
