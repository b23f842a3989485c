using System.Globalization;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>Runs the summary engine and renders its result, for /summary, its buttons and /pin-summary.</summary>
public sealed class SummaryPresenter(ISummaryEngine engine, IPinningService pinning)
{
    public const string LengthOptionName = "length";
    public const string ButtonPrefix = "summary";

    public static ApplicationCommandOption LengthOption { get; } = new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = LengthOptionName,
        Description = "How long the summary is (default: short)",
        Choices =
        [
            new ApplicationCommandOptionChoice("short (1–3 sentences)", "short"),
            new ApplicationCommandOptionChoice("medium", "medium"),
            new ApplicationCommandOptionChoice("long", "long"),
        ],
    };

    public static SummaryLength ParseLength(string? value) => value switch
    {
        "medium" => SummaryLength.Medium,
        "long" => SummaryLength.Long,
        _ => SummaryLength.Short,
    };

    public async Task<InteractionResponse> RespondAsync(
        long? documentId,
        SummaryLength length,
        DocumentScope scope,
        IReadOnlyList<string> notices,
        InteractionCallbackType type,
        CancellationToken cancellationToken)
    {
        Summary summary = await engine.SummarizeAsync(new SummaryRequest(documentId, length), scope, cancellationToken);
        InteractionCallbackData data = Render(summary, notices, withButtons: true, withPinButton: pinning.CanPin);
        return new InteractionResponse(type, data);
    }

    public static InteractionCallbackData Render(Summary summary, IReadOnlyList<string> notices, bool withButtons, bool withPinButton)
    {
        bool wholeStore = summary.DocumentId is null;
        string title = wholeStore ? "Summary of all sources" : $"Summary: {summary.ScopeTitle}";

        if (summary.Sentences.Count == 0)
        {
            return Responses.MessageData(
                new Embed { Title = title, Description = "This source has no sentences I can quote, so I have no summary for it.", Color = Responses.WarningColor },
                notices);
        }

        string scopeLine = wholeStore ? StoreScopeLine(summary) + "\n\n" : string.Empty;
        string description = scopeLine + CitationText.JoinWithin(
            summary.Sentences.Select(s => CitationText.Format(s, withTitle: wholeStore)),
            DiscordLimits.EmbedDescriptionLength - scopeLine.Length,
            out int omitted);
        string lengthName = summary.Length.ToString().ToLowerInvariant();
        string order = wholeStore && summary.DocumentCount > 1 ? "one main point per source, sources on one subject together" : "in source order";
        string footer = $"{lengthName} · {summary.Sentences.Count - omitted} sentences quoted verbatim from the sources, {order}" +
                        (omitted > 0 ? $" · {omitted} left out to fit Discord's limits" : string.Empty);

        var embed = new Embed
        {
            Title = title,
            Description = description,
            Color = Responses.AccentColor,
            Fields = wholeStore && summary.LeftOut.Count > 0 ? [LeftOutField(summary.LeftOut)] : null,
            Footer = new EmbedFooter(footer),
        };
        return Responses.MessageData(embed, notices, withButtons ? Buttons(summary, withPinButton) : null);
    }

    /// <summary>"The store holds 21 sources; this summary draws on 8 of them." — counts the reader can check with /sources.</summary>
    internal static string StoreScopeLine(Summary summary)
    {
        int held = Math.Max(summary.StoreDocumentCount, summary.DocumentCount);
        string sources = held == 1 ? "1 source" : $"{held} sources";
        return summary.DocumentCount >= held
            ? $"The store holds {sources}; this summary draws on {(held == 1 ? "it" : $"all {held}")}."
            : $"The store holds {sources}; this summary draws on {summary.DocumentCount} of them, one main point each.";
    }

    private static EmbedField LeftOutField(IReadOnlyList<string> leftOut)
    {
        const string ask = "\nAsk `/summary source:<title>` for any of them.";
        return new EmbedField($"Not in this summary ({leftOut.Count})", TitleList.Format(leftOut, ask.Length) + ask);
    }

    private static List<MessageComponent> Buttons(Summary summary, bool withPinButton)
    {
        string scope = ButtonScope.Format(summary.DocumentId);
        var buttons = new List<MessageComponent>();
        if (summary.Length != SummaryLength.Short)
        {
            buttons.Add(MessageComponent.Button("Shorter", $"{ButtonPrefix}:{scope}:{summary.Length - 1}"));
        }

        if (summary.Length != SummaryLength.Long)
        {
            buttons.Add(MessageComponent.Button("Longer", $"{ButtonPrefix}:{scope}:{summary.Length + 1}"));
        }

        if (withPinButton)
        {
            buttons.Add(MessageComponent.Button("Pin", $"{PinButton.ButtonPrefix}:{scope}:{summary.Length}", ButtonStyle.Primary));
        }

        return [MessageComponent.Row(buttons)];
    }

    /// <summary>Reads "&lt;document id|all&gt;:&lt;length&gt;" from a summary button's custom id.</summary>
    public static (long? DocumentId, SummaryLength Length) ParseButtonArguments(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 2 || !Enum.TryParse(arguments[1], ignoreCase: false, out SummaryLength length) || !Enum.IsDefined(length))
        {
            throw ButtonScope.Outdated("summary");
        }

        return (ButtonScope.Parse(arguments[0], "summary"), length);
    }
}
