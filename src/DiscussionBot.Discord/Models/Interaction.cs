using System.Text.Json;

namespace DiscussionBot.Discord.Models;

/// <summary>An interaction as Discord sends it (the <c>d</c> of INTERACTION_CREATE).</summary>
public sealed record Interaction
{
    /// <summary>The interaction id, used in the callback URL.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The application's id, used in webhook URLs.</summary>
    public Snowflake ApplicationId { get; init; }

    /// <summary>The kind of interaction.</summary>
    public InteractionType Type { get; init; }

    /// <summary>The command, component or modal data; absent for PING.</summary>
    public InteractionData? Data { get; init; }

    /// <summary>Set when the interaction comes from a guild.</summary>
    public Snowflake? GuildId { get; init; }

    /// <summary>The channel it was sent from.</summary>
    public Snowflake? ChannelId { get; init; }

    /// <summary>The invoking member; only in guilds.</summary>
    public GuildMember? Member { get; init; }

    /// <summary>The invoking user; only in DMs.</summary>
    public User? User { get; init; }

    /// <summary>A secret, valid 15 minutes, for the callback and follow-ups. Never log it.</summary>
    public string Token { get; init; } = string.Empty;

    /// <summary>Always 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary>For component interactions: the message the component is on.</summary>
    public Message? Message { get; init; }

    /// <summary>The app's computed permissions in the channel, as a decimal string.</summary>
    public string? AppPermissions { get; init; }

    /// <summary>The invoking user's language.</summary>
    public string? Locale { get; init; }

    /// <summary>The guild's language.</summary>
    public string? GuildLocale { get; init; }

    /// <summary>The user who acted: <c>member.user</c> in guilds, <c>user</c> in DMs.</summary>
    public User? Invoker => Member?.User ?? User;

    /// <summary>The invoking member's computed permissions in the channel (none outside guilds).</summary>
    public Permissions InvokerPermissions => PermissionsFormat.Parse(Member?.Permissions);

    /// <summary>The bot's computed permissions in the channel.</summary>
    public Permissions BotPermissions => PermissionsFormat.Parse(AppPermissions);

    // Records print every property; the token is a secret, so ToString() shows only what is safe to log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Type = ").Append(Type)
            .Append(", Name = ").Append(Data?.Name ?? Data?.CustomId)
            .Append(", GuildId = ").Append(GuildId).Append(", ChannelId = ").Append(ChannelId)
            .Append(", Token = (hidden)");
        return true;
    }
}

/// <summary>The <c>data</c> of an interaction.</summary>
public sealed record InteractionData
{
    /// <summary>The command's id.</summary>
    public Snowflake? Id { get; init; }

    /// <summary>The command's name.</summary>
    public string? Name { get; init; }

    /// <summary>The command's type.</summary>
    public ApplicationCommandType? Type { get; init; }

    /// <summary>The options the member gave; may be partial for autocomplete.</summary>
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>For context-menu commands: the user or message acted on.</summary>
    public Snowflake? TargetId { get; init; }

    /// <summary>Objects the options and target refer to.</summary>
    public ResolvedData? Resolved { get; init; }

    /// <summary>For components and modals: the developer-defined id.</summary>
    public string? CustomId { get; init; }

    /// <summary>For components: the component's type.</summary>
    public ComponentType? ComponentType { get; init; }

    /// <summary>For select menus: the chosen values.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>One option of a command interaction.</summary>
public sealed record InteractionDataOption
{
    /// <summary>The option's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The option's type.</summary>
    public ApplicationCommandOptionType Type { get; init; }

    /// <summary>The value: a string, number or boolean depending on <see cref="Type"/>.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>Nested options of a sub-command.</summary>
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>True for the option the member is typing (autocomplete only).</summary>
    public bool? Focused { get; init; }

    /// <summary>The value as text, whatever its JSON kind; null when absent.</summary>
    public string? ValueAsString() => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } v => v.GetRawText(),
    };
}

/// <summary>Objects referred to by an interaction's options or target.</summary>
public sealed record ResolvedData
{
    /// <summary>Messages by id (message context-menu commands).</summary>
    public IReadOnlyDictionary<string, Message>? Messages { get; init; }

    /// <summary>Users by id.</summary>
    public IReadOnlyDictionary<string, User>? Users { get; init; }

    /// <summary>Attachments by id (attachment options).</summary>
    public IReadOnlyDictionary<string, Attachment>? Attachments { get; init; }
}

/// <summary>A file uploaded with a message or given to an attachment option.</summary>
public sealed record Attachment
{
    /// <summary>The attachment's id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The file's name as uploaded.</summary>
    public string Filename { get; init; } = string.Empty;

    /// <summary>The size Discord reports, in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Where Discord serves the file (its CDN).</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The media type, if Discord knows it.</summary>
    public string? ContentType { get; init; }
}

/// <summary>A guild member, as sent in an interaction.</summary>
public sealed record GuildMember
{
    /// <summary>The member's user.</summary>
    public User? User { get; init; }

    /// <summary>The guild nickname.</summary>
    public string? Nick { get; init; }

    /// <summary>Role ids.</summary>
    public IReadOnlyList<Snowflake>? Roles { get; init; }

    /// <summary>Computed permissions in the channel, overwrites included, as a decimal string.</summary>
    public string? Permissions { get; init; }
}

/// <summary>A Discord user.</summary>
public sealed record User
{
    /// <summary>The user's id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The unique username.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary>The display name, if set.</summary>
    public string? GlobalName { get; init; }

    /// <summary>True for bot accounts.</summary>
    public bool? Bot { get; init; }

    /// <summary>The name to show for this user.</summary>
    public string DisplayName => string.IsNullOrEmpty(GlobalName) ? Username : GlobalName;
}

/// <summary>A message (the fields this bot reads).</summary>
public sealed record Message
{
    /// <summary>The message id.</summary>
    public Snowflake Id { get; init; }

    /// <summary>The channel it is in.</summary>
    public Snowflake ChannelId { get; init; }

    /// <summary>The author.</summary>
    public User? Author { get; init; }

    /// <summary>The text.</summary>
    public string? Content { get; init; }

    /// <summary>Embeds on the message.</summary>
    public IReadOnlyList<Embed>? Embeds { get; init; }

    /// <summary>Components on the message.</summary>
    public IReadOnlyList<MessageComponent>? Components { get; init; }

    /// <summary>Whether the message is pinned.</summary>
    public bool? Pinned { get; init; }

    /// <summary>Message flags.</summary>
    public int? Flags { get; init; }
}
