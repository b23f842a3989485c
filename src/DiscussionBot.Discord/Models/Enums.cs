namespace DiscussionBot.Discord.Models;

/// <summary>What kind of interaction Discord sent.</summary>
public enum InteractionType
{
    /// <summary>HTTP endpoint health check.</summary>
    Ping = 1,

    /// <summary>A slash command or a context-menu command.</summary>
    ApplicationCommand = 2,

    /// <summary>A button or select on a message.</summary>
    MessageComponent = 3,

    /// <summary>A member is typing an option that has autocomplete.</summary>
    ApplicationCommandAutocomplete = 4,

    /// <summary>A modal was submitted.</summary>
    ModalSubmit = 5,
}

/// <summary>How the bot answers an interaction.</summary>
public enum InteractionCallbackType
{
    /// <summary>Answer to a PING.</summary>
    Pong = 1,

    /// <summary>Reply with a message now.</summary>
    ChannelMessageWithSource = 4,

    /// <summary>Acknowledge now ("thinking…"); edit the original response later.</summary>
    DeferredChannelMessageWithSource = 5,

    /// <summary>Components only: acknowledge without a loading state.</summary>
    DeferredUpdateMessage = 6,

    /// <summary>Components only: edit the message the component is on.</summary>
    UpdateMessage = 7,

    /// <summary>Autocomplete choices (at most 25).</summary>
    ApplicationCommandAutocompleteResult = 8,

    /// <summary>Open a modal.</summary>
    Modal = 9,
}

/// <summary>Kinds of application command.</summary>
public enum ApplicationCommandType
{
    /// <summary>A slash command.</summary>
    ChatInput = 1,

    /// <summary>A user context-menu command.</summary>
    User = 2,

    /// <summary>A message context-menu command.</summary>
    Message = 3,
}

/// <summary>Types of slash-command option.</summary>
public enum ApplicationCommandOptionType
{
    /// <summary>A sub-command.</summary>
    SubCommand = 1,

    /// <summary>A group of sub-commands.</summary>
    SubCommandGroup = 2,

    /// <summary>Text.</summary>
    String = 3,

    /// <summary>A whole number.</summary>
    Integer = 4,

    /// <summary>True or false.</summary>
    Boolean = 5,

    /// <summary>A user.</summary>
    User = 6,

    /// <summary>A channel.</summary>
    Channel = 7,

    /// <summary>A role.</summary>
    Role = 8,

    /// <summary>A user or role.</summary>
    Mentionable = 9,

    /// <summary>A floating-point number.</summary>
    Number = 10,

    /// <summary>A file.</summary>
    Attachment = 11,
}

/// <summary>Message component types used by this bot.</summary>
public enum ComponentType
{
    /// <summary>A row holding up to five buttons.</summary>
    ActionRow = 1,

    /// <summary>A button.</summary>
    Button = 2,

    /// <summary>A select menu of strings.</summary>
    StringSelect = 3,
}

/// <summary>Button styles.</summary>
public enum ButtonStyle
{
    /// <summary>Blurple.</summary>
    Primary = 1,

    /// <summary>Grey.</summary>
    Secondary = 2,

    /// <summary>Green.</summary>
    Success = 3,

    /// <summary>Red.</summary>
    Danger = 4,

    /// <summary>Opens a URL; sends no interaction.</summary>
    Link = 5,
}

/// <summary>Message flags the bot sets.</summary>
[Flags]
public enum MessageFlags
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>Do not show link embeds.</summary>
    SuppressEmbeds = 1 << 2,

    /// <summary>Only the invoking member sees the reply.</summary>
    Ephemeral = 1 << 6,

    /// <summary>No push or desktop notification.</summary>
    SuppressNotifications = 1 << 12,
}
