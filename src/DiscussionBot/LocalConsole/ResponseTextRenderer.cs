using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.LocalConsole;

/// <summary>Shows an interaction response in a terminal: title, text, fields, footer and buttons; or as the exact JSON <c>data</c>.</summary>
public static class ResponseTextRenderer
{
    private static readonly JsonSerializerOptions JsonOutput = new(DiscordJsonContext.Default.Options)
    {
        WriteIndented = true,
        // Keep quotes readable (’ rather than \u2019); the output is for people and scripts, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToJson(InteractionResponse response) =>
        JsonSerializer.Serialize(response.Data ?? new InteractionCallbackData(), JsonOutput.GetTypeInfo(typeof(InteractionCallbackData)));

    /// <summary>The custom ids of a message's buttons that can be pressed, in the order their numbers are shown.</summary>
    public static IReadOnlyList<string> PressableButtons(InteractionCallbackData? data) =>
        (data?.Components ?? [])
            .SelectMany(row => row.Components ?? [])
            .Where(IsPressable)
            .Select(b => b.CustomId!)
            .ToList();

    private static bool IsPressable(MessageComponent button) => button.CustomId is not null && button.Disabled != true;

    public static string ToText(InteractionResponse response)
    {
        var text = new StringBuilder();
        InteractionCallbackData? data = response.Data;
        if (data is null)
        {
            return response.Type == InteractionCallbackType.Pong ? "(pong)" : "(no content)";
        }

        if (data.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral))
        {
            text.AppendLine("(only you can see this)");
        }

        if (!string.IsNullOrEmpty(data.Content))
        {
            text.AppendLine(data.Content);
        }

        foreach (Embed embed in data.Embeds ?? [])
        {
            if (text.Length > 0)
            {
                text.AppendLine();
            }

            if (embed.Title is not null)
            {
                text.AppendLine($"== {embed.Title} ==");
            }

            if (embed.Description is not null)
            {
                text.AppendLine(embed.Description);
            }

            foreach (EmbedField field in embed.Fields ?? [])
            {
                text.AppendLine();
                text.AppendLine($"-- {field.Name}");
                text.AppendLine(field.Value);
            }

            if (embed.Footer is not null)
            {
                text.AppendLine();
                text.AppendLine($"[{embed.Footer.Text}]");
            }
        }

        // Buttons carry the number the console user types to press them (the same order as PressableButtons).
        int number = 0;
        foreach (MessageComponent row in data.Components ?? [])
        {
            text.AppendLine(string.Join("  ", (row.Components ?? []).Select(b => IsPressable(b) ? $"[{++number}] {b.Label}" : $"[-] {b.Label}")));
        }

        foreach (ApplicationCommandOptionChoice choice in data.Choices ?? [])
        {
            text.AppendLine($"- {choice.Name}");
        }

        return text.ToString().TrimEnd();
    }
}
