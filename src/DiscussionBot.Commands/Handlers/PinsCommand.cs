using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Pins;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/pins</c> (moderators, private): the summaries the bot pinned in this server, marking those whose sources changed since.</summary>
public sealed class PinsCommand(IPinLedger ledger, IDocumentStore store) : ICommandHandler
{
    private const int ShownPins = 25;

    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "pins",
        Description = "Moderators: list the summaries I pinned here and whether their sources changed since",
        DefaultMemberPermissions = PermissionsFormat.Format(Permissions.PinMessages),
        Contexts = [0],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        Interaction interaction = context.Interaction;
        if (!PinSummaryCommand.IsModerator(interaction) || interaction.GuildId is not { } guild)
        {
            throw new CommandInputException("Only moderators (members who may pin messages) can list the bot's pins.");
        }

        IReadOnlyList<PinRecord> pins = await ledger.ListAsync(guild.Value, ShownPins, cancellationToken);
        if (pins.Count == 0)
        {
            return Responses.Message(new Embed { Title = "Pinned summaries", Description = "I haven't pinned any summary in this server yet. Use `/pin-summary`.", Color = Responses.AccentColor }, ephemeral: true);
        }

        IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(InteractionScope.Of(interaction), cancellationToken);
        var fields = pins.Select(pin =>
        {
            IReadOnlyList<PinnedSource> changed = PinStaleness.ChangedSources(pin, documents);
            string link = $"https://discord.com/channels/{pin.GuildId}/{pin.ChannelId}/{pin.MessageId}";
            string state = changed.Count == 0
                ? "✅ up to date"
                : $"⚠️ stale: {string.Join(", ", changed.Select(s => $"“{DiscordText.EscapeMarkdown(DiscordText.Clip(s.Title, 60))}”"))} changed since";
            return new EmbedField(
                DiscordText.Clip($"{pin.Scope} ({pin.Length})", DiscordLimits.EmbedFieldNameLength),
                $"{state}\nPinned by {DiscordText.EscapeMarkdown(pin.ModeratorName)} on {pin.PinnedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · [message]({link})");
        }).ToList();
        return Responses.Message(new Embed
        {
            Title = $"Pinned summaries ({pins.Count}{(pins.Count == ShownPins ? "+" : string.Empty)})",
            Color = Responses.AccentColor,
            Fields = fields,
            Footer = new EmbedFooter("A stale pin quotes a source that was updated or removed; pin a fresh summary with /pin-summary."),
        }, ephemeral: true);
    }
}
