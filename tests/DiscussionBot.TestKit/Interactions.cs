using System.Text.Json;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.TestKit;

/// <summary>Builders for interactions shaped like Discord's documented examples.</summary>
public static class Interactions
{
    public const string MemberPermissions = "2147483647";

    public static Interaction Command(string name, params (string Name, object Value)[] options) =>
        Command(name, MemberPermissions, options);

    public static Interaction Command(string name, string memberPermissions, params (string Name, object Value)[] options) => new()
    {
        Id = new Snowflake(786008729715212338),
        ApplicationId = new Snowflake(775799577604522054),
        Type = InteractionType.ApplicationCommand,
        Data = new InteractionData
        {
            Id = new Snowflake(771825006014889984),
            Name = name,
            Type = ApplicationCommandType.ChatInput,
            Options = options.Length == 0 ? null : options.Select(o => new InteractionDataOption
            {
                Name = o.Name,
                Type = o.Value is int or long ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String,
                Value = JsonSerializer.SerializeToElement(o.Value, o.Value.GetType(), TestJson.Options),
            }).ToList(),
        },
        GuildId = new Snowflake(290926798626357999),
        ChannelId = new Snowflake(645027906669510667),
        Member = new GuildMember
        {
            User = new User { Id = new Snowflake(53908232506183680), Username = "Mason" },
            Permissions = memberPermissions,
        },
        Token = "A_UNIQUE_TOKEN",
        AppPermissions = "2251799813801984",
    };

    public static Interaction Autocomplete(string name, string focused, string typed, params (string Name, object Value)[] others)
    {
        Interaction command = Command(name, others);
        var options = (command.Data!.Options ?? []).ToList();
        options.Add(new InteractionDataOption
        {
            Name = focused,
            Type = ApplicationCommandOptionType.String,
            Value = JsonSerializer.SerializeToElement(typed, TestJson.Options),
            Focused = true,
        });
        return command with { Type = InteractionType.ApplicationCommandAutocomplete, Data = command.Data with { Options = options } };
    }

    public static Interaction Button(string customId) => Command("unused") with
    {
        Type = InteractionType.MessageComponent,
        Data = new InteractionData { CustomId = customId, ComponentType = ComponentType.Button },
    };
}

internal static class TestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };
}
