using System.Text.Json;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>Builds interactions shaped like Discord's documented examples, with fresh ids and tokens.</summary>
public static class FakeInteractions
{
    private static long _nextId = 800000000000000000;

    /// <summary>The guild used by built interactions.</summary>
    public static Snowflake GuildId { get; } = new(290926798626357999);

    /// <summary>The channel used by built interactions.</summary>
    public static Snowflake ChannelId { get; } = new(645027906669510667);

    /// <summary>A slash command in a guild with string options.</summary>
    public static Interaction SlashCommand(string name, params (string Name, string Value)[] options)
    {
        Snowflake id = NextId();
        return new Interaction
        {
            Id = id,
            ApplicationId = new Snowflake(100000000000000001),
            Type = InteractionType.ApplicationCommand,
            Token = $"interaction-token-{id}",
            GuildId = GuildId,
            ChannelId = ChannelId,
            Locale = "en-US",
            AppPermissions = "442368",
            Member = new GuildMember
            {
                User = new User { Id = new Snowflake(53908232506183680), Username = "mason" },
                Permissions = "2147483647",
                Roles = [],
            },
            Data = new InteractionData
            {
                Id = new Snowflake(771825006014889984),
                Name = name,
                Type = ApplicationCommandType.ChatInput,
                Options = [.. options.Select(o => new InteractionDataOption
                {
                    Name = o.Name,
                    Type = ApplicationCommandOptionType.String,
                    Value = JsonSerializer.SerializeToElement(o.Value, DiscordJsonContext.Default.String),
                })],
            },
        };
    }

    /// <summary><c>/source add file:</c> with the attachment resolved as Discord sends it.</summary>
    public static Interaction SourceAdd(Uri url, string fileName, long size)
    {
        ArgumentNullException.ThrowIfNull(url);
        Snowflake attachment = NextId();
        Interaction add = SubCommand("source", "add", new InteractionDataOption
        {
            Name = "file",
            Type = ApplicationCommandOptionType.Attachment,
            Value = JsonSerializer.SerializeToElement(attachment.ToString(), DiscordJsonContext.Default.String),
        });
        return add with
        {
            Data = add.Data! with
            {
                Resolved = new ResolvedData
                {
                    Attachments = new Dictionary<string, Attachment>
                    {
                        [attachment.ToString()] = new Attachment { Id = attachment, Filename = fileName, Size = size, Url = url.AbsoluteUri },
                    },
                },
            },
        };
    }

    /// <summary><c>/source remove source:</c>, or its autocomplete while <paramref name="typed"/> is being typed.</summary>
    public static Interaction SourceRemove(string typed, bool autocomplete = false) =>
        SubCommand("source", "remove", new InteractionDataOption
        {
            Name = "source",
            Type = ApplicationCommandOptionType.String,
            Value = JsonSerializer.SerializeToElement(typed, DiscordJsonContext.Default.String),
            Focused = autocomplete ? true : null,
        }) with
        {
            Type = autocomplete ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand,
        };

    /// <summary>A slash command's sub-command with one option, nested as Discord sends it.</summary>
    public static Interaction SubCommand(string command, string subCommand, InteractionDataOption option)
    {
        Interaction slash = SlashCommand(command);
        return slash with
        {
            Data = slash.Data! with
            {
                Options = [new InteractionDataOption { Name = subCommand, Type = ApplicationCommandOptionType.SubCommand, Options = [option] }],
            },
        };
    }

    /// <summary>A message context-menu command on <paramref name="target"/>, which Discord sends resolved.</summary>
    public static Interaction MessageCommand(string name, Message target)
    {
        Interaction command = SlashCommand(name);
        return command with
        {
            Data = command.Data! with
            {
                Type = ApplicationCommandType.Message,
                Options = null,
                TargetId = target.Id,
                Resolved = new ResolvedData { Messages = new Dictionary<string, Message> { [target.Id.ToString()] = target } },
            },
        };
    }

    /// <summary>The same interaction from another server (a fresh id and token).</summary>
    public static Interaction InGuild(Interaction interaction, ulong guildId)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Snowflake id = NextId();
        return interaction with { Id = id, Token = $"interaction-token-{id}", GuildId = new Snowflake(guildId) };
    }

    /// <summary>The same interaction sent in a DM with the bot: no guild, no member, the user alone.</summary>
    public static Interaction InDm(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Snowflake id = NextId();
        return interaction with { Id = id, Token = $"interaction-token-{id}", GuildId = null, Member = null, User = interaction.Member?.User, AppPermissions = null };
    }

    /// <summary>The same interaction with another id and token (Discord never repeats one).</summary>
    public static Interaction Again(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        Snowflake id = NextId();
        return interaction with { Id = id, Token = $"interaction-token-{id}" };
    }

    /// <summary>The same interaction as an autocomplete request with <paramref name="option"/> focused.</summary>
    public static Interaction Autocomplete(Interaction interaction, string option)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction with
        {
            Type = InteractionType.ApplicationCommandAutocomplete,
            Data = interaction.Data! with { Options = [.. interaction.Data.Options!.Select(o => o.Name == option ? o with { Focused = true } : o)] },
        };
    }

    private static Snowflake NextId() => new((ulong)Interlocked.Increment(ref _nextId));
}
