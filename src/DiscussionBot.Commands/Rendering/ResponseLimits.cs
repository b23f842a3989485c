using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Rendering;

/// <summary>
/// The last step before any response leaves: brings it within Discord's limits (content 2000,
/// 10 embeds and 6000 characters across them, field and footer sizes, 5 rows of 5 buttons,
/// custom ids of 100) and forces <c>allowed_mentions</c> to ping nobody. Discord rejects an
/// oversized message outright, so a trimmed answer is always better than none.
/// </summary>
public static class ResponseLimits
{
    public static InteractionResponse Enforce(InteractionResponse response) =>
        response.Data is null ? response : response with { Data = Enforce(response.Data, response.Type) };

    public static InteractionCallbackData Enforce(InteractionCallbackData data, InteractionCallbackType type = InteractionCallbackType.ChannelMessageWithSource)
    {
        if (type == InteractionCallbackType.ApplicationCommandAutocompleteResult)
        {
            return data;
        }

        int budget = DiscordLimits.EmbedTotalLength;
        var embeds = new List<Embed>();
        foreach (Embed embed in (data.Embeds ?? []).Take(DiscordLimits.EmbedsPerMessage))
        {
            Embed fitted = FitEmbed(embed, ref budget);
            embeds.Add(fitted);
        }

        return data with
        {
            Content = data.Content is null ? null : DiscordText.Clip(data.Content, DiscordLimits.ContentLength),
            Embeds = data.Embeds is null ? null : embeds,
            Components = data.Components is null ? null : FitComponents(data.Components),
            AllowedMentions = AllowedMentions.None,
        };
    }

    /// <summary>Characters Discord counts towards the 6000 total of one embed.</summary>
    public static int CountCharacters(Embed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Text.Length ?? 0) +
        (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);

    private static Embed FitEmbed(Embed embed, ref int budget)
    {
        string? title = Take(embed.Title, DiscordLimits.EmbedTitleLength, ref budget);
        string? footer = embed.Footer is null ? null : Take(embed.Footer.Text, DiscordLimits.EmbedFooterLength, ref budget);
        string? description = Take(embed.Description, DiscordLimits.EmbedDescriptionLength, ref budget);
        var fields = new List<EmbedField>();
        foreach (EmbedField field in (embed.Fields ?? []).Take(DiscordLimits.EmbedFieldCount))
        {
            // A field needs a non-empty name and value; stop once the budget cannot hold a meaningful one.
            if (budget < 16)
            {
                break;
            }

            string name = Take(field.Name, DiscordLimits.EmbedFieldNameLength, ref budget) ?? "\u200b";
            string value = Take(field.Value, DiscordLimits.EmbedFieldValueLength, ref budget) ?? "\u200b";
            fields.Add(new EmbedField(name.Length == 0 ? "\u200b" : name, value.Length == 0 ? "\u200b" : value, field.Inline));
        }

        return embed with
        {
            Title = title,
            Description = description,
            Footer = footer is null ? null : new EmbedFooter(footer),
            Fields = embed.Fields is null ? null : fields,
        };
    }

    private static string? Take(string? text, int limit, ref int budget)
    {
        if (text is null)
        {
            return null;
        }

        string clipped = DiscordText.Clip(text, Math.Max(0, Math.Min(limit, budget)));
        budget -= clipped.Length;
        return clipped;
    }

    private static List<MessageComponent> FitComponents(IReadOnlyList<MessageComponent> rows) =>
        rows.Take(DiscordLimits.ActionRowsPerMessage)
            .Select(row => row with
            {
                Components = row.Components?
                    .Take(DiscordLimits.ButtonsPerRow)
                    .Where(b => b.CustomId is null || b.CustomId.Length <= DiscordLimits.CustomIdLength)
                    .Select(b => b with { Label = b.Label is null ? null : DiscordText.Clip(b.Label, DiscordLimits.ButtonLabelLength) })
                    .ToList(),
            })
            .Where(row => row.Components is { Count: > 0 })
            .ToList();
}
