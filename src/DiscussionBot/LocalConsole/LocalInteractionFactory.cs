using System.Globalization;
using System.Text.Json;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.LocalConsole;

/// <summary>
/// Builds the interaction Discord would send for a command typed locally, so the console and <c>ask</c>
/// run the very pipeline the gateway uses. The local user is the operator: a member with every permission.
/// </summary>
public sealed class LocalInteractionFactory(TimeProvider timeProvider)
{
    public static readonly Snowflake LocalGuild = new(1);
    public static readonly Snowflake LocalChannel = new(2);
    public static readonly Snowflake LocalUser = new(3);
    public static readonly Snowflake LocalApplication = new(4);

    private long _sequence;

    public Interaction Create(SlashCommandLine line, IReadOnlyList<ApplicationCommand> definitions)
    {
        ApplicationCommand? definition = definitions.FirstOrDefault(d => d.Name == line.CommandName);
        IReadOnlyList<ApplicationCommandOption>? defined = line.SubCommand is null
            ? definition?.Options
            : definition?.Options?.FirstOrDefault(o => o.Name == line.SubCommand)?.Options;
        var attachments = new Dictionary<string, Attachment>(StringComparer.Ordinal);
        var options = line.Options.Select(o =>
        {
            ApplicationCommandOptionType type = defined?.FirstOrDefault(d => d.Name == o.Key)?.Type ?? ApplicationCommandOptionType.String;
            string value = o.Value;
            if (type == ApplicationCommandOptionType.Attachment)
            {
                Attachment file = LocalFile(o.Value);
                attachments[file.Id.ToString()] = file;
                value = file.Id.ToString();
            }

            return new InteractionDataOption { Name = o.Key, Type = type, Value = ToJsonValue(value, type) };
        }).ToList();
        if (line.SubCommand is not null)
        {
            options = [new InteractionDataOption { Name = line.SubCommand, Type = ApplicationCommandOptionType.SubCommand, Options = options }];
        }

        return Envelope(InteractionType.ApplicationCommand, new InteractionData
        {
            Id = definition is null ? null : new Snowflake(5),
            Name = line.CommandName,
            Type = ApplicationCommandType.ChatInput,
            Options = options.Count > 0 ? options : null,
            Resolved = attachments.Count > 0 ? new ResolvedData { Attachments = attachments } : null,
        });
    }

    /// <summary>A local file given to an attachment option: its URL is the file's own (read by <see cref="LocalFileAttachments"/>).</summary>
    private Attachment LocalFile(string path)
    {
        string full = Path.GetFullPath(path.Trim().Trim('"'));
        return new Attachment
        {
            Id = NextId(),
            Filename = Path.GetFileName(full),
            Size = File.Exists(full) ? new FileInfo(full).Length : 0,
            Url = new Uri(full).AbsoluteUri,
        };
    }

    /// <summary>A click on a button of a message the console showed; the message travels with it, as on Discord.</summary>
    public Interaction CreateButtonPress(string customId, InteractionCallbackData shown) =>
        Envelope(
            InteractionType.MessageComponent,
            new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
            new Message
            {
                Id = NextId(),
                ChannelId = LocalChannel,
                Content = shown.Content,
                Embeds = shown.Embeds,
                Components = shown.Components,
                Flags = shown.Flags is { } flags ? (int)flags : null,
            });

    private Interaction Envelope(InteractionType type, InteractionData data, Message? message = null) => new()
    {
        Id = NextId(),
        ApplicationId = LocalApplication,
        Type = type,
        Data = data,
        GuildId = LocalGuild,
        ChannelId = LocalChannel,
        Member = new GuildMember
        {
            User = new User { Id = LocalUser, Username = Environment.UserName },
            Permissions = PermissionsFormat.Format((Permissions)(ulong.MaxValue >> 12)),
        },
        Token = "local-console",
        AppPermissions = PermissionsFormat.Format(Permissions.ViewChannel | Permissions.SendMessages | Permissions.EmbedLinks | Permissions.ReadMessageHistory),
        Locale = "en-US",
        Message = message,
    };

    /// <summary>Integer options travel as JSON numbers, like Discord sends them; text that is not a number stays a string for the command to refuse.</summary>
    private static JsonElement ToJsonValue(string value, ApplicationCommandOptionType? type)
    {
        string json = type == ApplicationCommandOptionType.Integer &&
                      long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number)
            ? number.ToString(CultureInfo.InvariantCulture)
            : JsonSerializer.Serialize(value, LocalJsonContext.Default.String);
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private Snowflake NextId()
    {
        // Snowflake layout: milliseconds since the Discord epoch in the high bits, a counter in the low bits.
        ulong millis = (ulong)(timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - 1420070400000);
        return new Snowflake((millis << 22) | (ulong)(Interlocked.Increment(ref _sequence) & 0xFFF));
    }
}
