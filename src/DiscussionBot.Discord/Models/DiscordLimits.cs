namespace DiscussionBot.Discord.Models;

/// <summary>Discord API v10 limits that responses must respect (see docs/discord-protocol.md §0).</summary>
public static class DiscordLimits
{
    /// <summary>Message content.</summary>
    public const int ContentLength = 2000;

    /// <summary>Embeds per message.</summary>
    public const int EmbedsPerMessage = 10;

    /// <summary>Characters across all embeds of a message.</summary>
    public const int EmbedTotalLength = 6000;

    /// <summary>Embed title.</summary>
    public const int EmbedTitleLength = 256;

    /// <summary>Embed description.</summary>
    public const int EmbedDescriptionLength = 4096;

    /// <summary>Fields per embed.</summary>
    public const int EmbedFieldCount = 25;

    /// <summary>Embed field name.</summary>
    public const int EmbedFieldNameLength = 256;

    /// <summary>Embed field value.</summary>
    public const int EmbedFieldValueLength = 1024;

    /// <summary>Embed footer text.</summary>
    public const int EmbedFooterLength = 2048;

    /// <summary>Button <c>custom_id</c>.</summary>
    public const int CustomIdLength = 100;

    /// <summary>Button label.</summary>
    public const int ButtonLabelLength = 80;

    /// <summary>Buttons per action row.</summary>
    public const int ButtonsPerRow = 5;

    /// <summary>Action rows per (legacy) message.</summary>
    public const int ActionRowsPerMessage = 5;

    /// <summary>Autocomplete choices and fixed choices.</summary>
    public const int Choices = 25;

    /// <summary>Choice name and value.</summary>
    public const int ChoiceLength = 100;

    /// <summary>Pins per channel (error 30003 beyond).</summary>
    public const int PinsPerChannel = 250;

    /// <summary>Time Discord allows for the first interaction response.</summary>
    public static readonly TimeSpan InitialResponseDeadline = TimeSpan.FromSeconds(3);

    /// <summary>Lifetime of an interaction token for edits and follow-ups.</summary>
    public static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);
}
