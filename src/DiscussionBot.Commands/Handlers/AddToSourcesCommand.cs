using System.Globalization;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// The "Add to sources" message context-menu command (moderators): stores the selected message's text, verbatim,
/// as one of this server's sources, titled with its author and date and recorded with its link and who added it.
/// </summary>
public sealed class AddToSourcesCommand(GuildSources sources) : ICommandHandler
{
    public const string CommandName = "Add to sources";

    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = CommandName,
        Type = ApplicationCommandType.Message,
        DefaultMemberPermissions = PermissionsFormat.Format(SourceModerators.RequiredPermissions),
        Contexts = [0],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interaction interaction = context.Interaction;
        ulong guild = sources.RequireModerator(interaction, "add to");
        InteractionData? data = interaction.Data;
        Message? target = null;
        if (data?.TargetId is { } id)
        {
            data.Resolved?.Messages?.TryGetValue(id.ToString(), out target);
        }

        string text = SourceFileReader.NormalizeText(target?.Content ?? string.Empty).Trim();
        if (target is null || text.Length == 0)
        {
            throw new CommandInputException("That message has no text I can add (embeds and attachments aren't read; use `/source add` for a file).");
        }

        string author = target.Author?.DisplayName ?? "someone";
        string link = string.Create(CultureInfo.InvariantCulture, $"https://discord.com/channels/{guild}/{target.ChannelId.Value}/{target.Id.Value}");
        string title = string.Create(CultureInfo.InvariantCulture, $"Message by {author}, {target.Id.CreatedAt.UtcDateTime:yyyy-MM-dd}");
        var document = new IncomingDocument(
            SourceName: string.Create(CultureInfo.InvariantCulture, $"guild/{guild}/message/{target.Id.Value}"),
            Title: title,
            Text: text,
            ContentHash: SourceFileReader.HashText(text))
        {
            Owner = GuildSources.OwnerOf(interaction, guild, link),
        };
        return await sources.AddAsync(document, "that message", cancellationToken);
    }
}
