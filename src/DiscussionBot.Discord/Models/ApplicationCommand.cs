namespace DiscussionBot.Discord.Models;

/// <summary>A command definition as registered with Discord (bulk overwrite body item).</summary>
public sealed record ApplicationCommand
{
    /// <summary>The command's id; set by Discord in responses, left out when registering.</summary>
    public Snowflake? Id { get; init; }

    /// <summary>The owning application; set by Discord in responses.</summary>
    public Snowflake? ApplicationId { get; init; }

    /// <summary>The guild of a guild command; set by Discord in responses.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>1–32 lower-case characters for slash commands.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>1–100 characters; empty for context-menu commands.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Slash, user or message command.</summary>
    public ApplicationCommandType Type { get; init; } = ApplicationCommandType.ChatInput;

    /// <summary>The options, required ones first.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Permission bits a member needs by default, as a decimal string; null for everyone.</summary>
    public string? DefaultMemberPermissions { get; init; }

    /// <summary>Where the command may be used: 0 guild, 1 bot DM, 2 private channel.</summary>
    public IReadOnlyList<int>? Contexts { get; init; }
}

/// <summary>One option of a slash command.</summary>
public sealed record ApplicationCommandOption
{
    /// <summary>The option's type.</summary>
    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>1–32 lower-case characters.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>1–100 characters.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Whether the option must be given.</summary>
    public bool? Required { get; init; }

    /// <summary>Fixed choices, at most 25.</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }

    /// <summary>Whether Discord asks the bot for choices as the member types.</summary>
    public bool? Autocomplete { get; init; }

    /// <summary>For integer options: the smallest value.</summary>
    public long? MinValue { get; init; }

    /// <summary>For integer options: the largest value.</summary>
    public long? MaxValue { get; init; }

    /// <summary>For string options: the shortest length.</summary>
    public int? MinLength { get; init; }

    /// <summary>For string options: the longest length.</summary>
    public int? MaxLength { get; init; }

    /// <summary>For sub-commands: their own options.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
}
