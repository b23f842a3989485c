using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Rendering;

/// <summary>Builds interaction responses. Every message response carries an empty <c>allowed_mentions.parse</c>.</summary>
public static class Responses
{
    /// <summary>The bot's accent colour on embeds.</summary>
    public const int AccentColor = 0x4E7FD6;

    /// <summary>Colour for refusals and errors.</summary>
    public const int WarningColor = 0xD99A2B;

    public static InteractionResponse Message(
        Embed embed,
        IReadOnlyList<string>? notices = null,
        IReadOnlyList<MessageComponent>? components = null,
        bool ephemeral = false) =>
        new(InteractionCallbackType.ChannelMessageWithSource, MessageData(embed, notices, components, ephemeral));

    public static InteractionCallbackData MessageData(
        Embed embed,
        IReadOnlyList<string>? notices = null,
        IReadOnlyList<MessageComponent>? components = null,
        bool ephemeral = false) =>
        new()
        {
            Content = notices is { Count: > 0 } ? string.Join("\n", notices.Select(n => $"ℹ️ {n}")) : null,
            Embeds = [embed],
            Components = components is { Count: > 0 } ? components : null,
            Flags = ephemeral ? MessageFlags.Ephemeral : null,
            AllowedMentions = AllowedMentions.None,
        };

    /// <summary>A polite refusal or error that only the member sees.</summary>
    public static InteractionResponse Ephemeral(string text) =>
        new(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData
        {
            Content = DiscordText.Clip(text, DiscordLimits.ContentLength),
            Flags = MessageFlags.Ephemeral,
            AllowedMentions = AllowedMentions.None,
        });

    public static InteractionResponse Choices(IEnumerable<ApplicationCommandOptionChoice> choices) =>
        new(InteractionCallbackType.ApplicationCommandAutocompleteResult, new InteractionCallbackData
        {
            Choices = choices
                .Select(c => new ApplicationCommandOptionChoice(
                    DiscordText.Clip(c.Name, DiscordLimits.ChoiceLength),
                    DiscordText.Clip(c.Value, DiscordLimits.ChoiceLength)))
                .Take(DiscordLimits.Choices)
                .ToList(),
        });
}
