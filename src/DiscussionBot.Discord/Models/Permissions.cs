using System.Globalization;

namespace DiscussionBot.Discord.Models;

/// <summary>Discord permission bits (API v10). Sent on the wire as decimal strings.</summary>
[Flags]
#pragma warning disable CA1711 // "Permissions" is Discord's own name for the bitfield
public enum Permissions : ulong
#pragma warning restore CA1711
{
    /// <summary>No permission.</summary>
    None = 0,

    /// <summary>Grants every permission and bypasses channel overwrites.</summary>
    Administrator = 1UL << 3,

    /// <summary>Manage the guild.</summary>
    ManageGuild = 1UL << 5,

    /// <summary>See the channel.</summary>
    ViewChannel = 1UL << 10,

    /// <summary>Send messages in the channel.</summary>
    SendMessages = 1UL << 11,

    /// <summary>Delete other members' messages (no longer enough to pin since 2026-02-23).</summary>
    ManageMessages = 1UL << 13,

    /// <summary>Links posted show embeds; needed for the bot's embeds.</summary>
    EmbedLinks = 1UL << 14,

    /// <summary>Read earlier messages.</summary>
    ReadMessageHistory = 1UL << 16,

    /// <summary>Mention @everyone and @here.</summary>
    MentionEveryone = 1UL << 17,

    /// <summary>Use application commands.</summary>
    UseApplicationCommands = 1UL << 31,

    /// <summary>Send messages in threads.</summary>
    SendMessagesInThreads = 1UL << 38,

    /// <summary>Pin and unpin messages.</summary>
    PinMessages = 1UL << 51,
}

/// <summary>Parsing and formatting of permission strings.</summary>
public static class PermissionsFormat
{
    /// <summary>Parses Discord's decimal string; null, empty or malformed text means no permissions.</summary>
    public static Permissions Parse(string? value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out ulong bits)
            ? (Permissions)bits
            : Permissions.None;

    /// <summary>The decimal string Discord expects.</summary>
    public static string Format(Permissions permissions) =>
        ((ulong)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>True when every bit of <paramref name="required"/> is granted, or the holder is an administrator.</summary>
    public static bool Grants(this Permissions granted, Permissions required) =>
        (granted & Permissions.Administrator) != 0 || (granted & required) == required;
}
