namespace DiscussionBot.Discord.Models;

/// <summary>The body of <c>POST /interactions/{id}/{token}/callback</c>.</summary>
public sealed record InteractionResponse(InteractionCallbackType Type, InteractionCallbackData? Data = null);

/// <summary>
/// The <c>data</c> of an interaction response, and the body of a message create or edit:
/// message fields for types 4 and 7, <see cref="Choices"/> for type 8.
/// </summary>
public sealed record InteractionCallbackData
{
    /// <summary>Message text, at most 2000 characters.</summary>
    public string? Content { get; init; }

    /// <summary>At most 10 embeds, 6000 characters in all.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Action rows of buttons.</summary>
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Message flags, e.g. ephemeral.</summary>
    public MessageFlags? Flags { get; init; }

    /// <summary>Who may be pinged; this bot always sends an empty <c>parse</c>.</summary>
    public AllowedMentions? AllowedMentions { get; init; }

    /// <summary>Autocomplete choices, at most 25.</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
}

/// <summary>Controls which mentions in a message ping anyone.</summary>
public sealed record AllowedMentions
{
    /// <summary>An empty list: nobody, no role and not @everyone is pinged.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Mention kinds parsed from the content ("users", "roles", "everyone").</summary>
    public IReadOnlyList<string> Parse { get; init; } = [];

    /// <summary>Users that may be pinged.</summary>
    public IReadOnlyList<Snowflake>? Users { get; init; }

    /// <summary>Roles that may be pinged.</summary>
    public IReadOnlyList<Snowflake>? Roles { get; init; }

    /// <summary>Whether the replied-to user is pinged.</summary>
    public bool? RepliedUser { get; init; }
}

/// <summary>A rich embed.</summary>
public sealed record Embed
{
    /// <summary>At most 256 characters.</summary>
    public string? Title { get; init; }

    /// <summary>At most 4096 characters.</summary>
    public string? Description { get; init; }

    /// <summary>A link on the title.</summary>
    public string? Url { get; init; }

    /// <summary>The side colour, 0xRRGGBB.</summary>
    public int? Color { get; init; }

    /// <summary>At most 25 fields.</summary>
    public IReadOnlyList<EmbedField>? Fields { get; init; }

    /// <summary>The footer.</summary>
    public EmbedFooter? Footer { get; init; }
}

/// <summary>An embed field: name at most 256, value at most 1024 characters.</summary>
public sealed record EmbedField(string Name, string Value, bool? Inline = null);

/// <summary>An embed footer, at most 2048 characters.</summary>
public sealed record EmbedFooter(string Text);

/// <summary>An action row or a button.</summary>
public sealed record MessageComponent
{
    /// <summary>Action row or button.</summary>
    public ComponentType Type { get; init; }

    /// <summary>For an action row: its buttons (at most 5).</summary>
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>For a button: its style.</summary>
    public ButtonStyle? Style { get; init; }

    /// <summary>For a button: its text, at most 80 characters.</summary>
    public string? Label { get; init; }

    /// <summary>For a button: 1–100 characters, unique within the message.</summary>
    public string? CustomId { get; init; }

    /// <summary>For a link button: its URL.</summary>
    public string? Url { get; init; }

    /// <summary>Whether the button is greyed out.</summary>
    public bool? Disabled { get; init; }

    /// <summary>An action row holding the given buttons.</summary>
    public static MessageComponent Row(params IReadOnlyList<MessageComponent> buttons) =>
        new() { Type = ComponentType.ActionRow, Components = buttons };

    /// <summary>A button that sends an interaction with <paramref name="customId"/>.</summary>
    public static MessageComponent Button(string label, string customId, ButtonStyle style = ButtonStyle.Secondary) =>
        new() { Type = ComponentType.Button, Label = label, CustomId = customId, Style = style };
}

/// <summary>A fixed or autocompleted choice for an option.</summary>
public sealed record ApplicationCommandOptionChoice(string Name, string Value);
