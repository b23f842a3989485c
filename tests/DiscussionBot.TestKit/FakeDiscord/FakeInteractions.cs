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

    private static Snowflake NextId() => new((ulong)Interlocked.Increment(ref _nextId));
}
