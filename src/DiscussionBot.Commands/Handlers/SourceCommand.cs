using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// <c>/source add file:</c> and <c>/source remove source:</c> (moderators, private answers): a server's own documents.
/// A file may be text, Markdown, HTML or PDF; it is downloaded from Discord's attachment host, converted, checked for
/// the server's limits and for a duplicate, and stored for that server only. Slow additions are deferred by the live
/// pipeline like any slow command (privately, as the answer is private).
/// </summary>
public sealed class SourceCommand(GuildSources sources, IAttachmentDownloader downloads, SourceFileReader reader) : ICommandHandler
{
    public const string CommandName = "source";
    public const string AddName = "add";
    public const string RemoveName = "remove";
    public const string FileOption = "file";

    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = CommandName,
        Description = "Moderators: add a document to this server's sources, or remove one",
        DefaultMemberPermissions = PermissionsFormat.Format(SourceModerators.RequiredPermissions),
        Contexts = [0],
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.SubCommand,
                Name = AddName,
                Description = "Add a file (text, Markdown, HTML or PDF) to this server's sources",
                Options =
                [
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOptionType.Attachment,
                        Name = FileOption,
                        Description = "The document: .txt, .md, .html or .pdf",
                        Required = true,
                    },
                ],
            },
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.SubCommand,
                Name = RemoveName,
                Description = "Remove one of this server's own sources",
                Options = [SourceOption.Definition("The source to remove (this server's own)") with { Required = true }],
            },
        ],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Interaction interaction = context.Interaction;
        InteractionDataOption? sub = interaction.Data?.Options?.FirstOrDefault(o => o.Type == ApplicationCommandOptionType.SubCommand);
        switch (sub?.Name)
        {
            case AddName:
                return await AddAsync(interaction, sub, cancellationToken);
            case RemoveName:
                ulong guild = sources.RequireModerator(interaction, "remove");
                string typed = sub.Options?.FirstOrDefault(o => o.Name == SourceOption.Name)?.ValueAsString()?.Trim() ?? string.Empty;
                if (typed.Length == 0)
                {
                    throw new CommandInputException("`/source remove` needs the `source` to remove, for example: `/source remove source:Weekly report`.");
                }

                return await sources.RemoveAsync(guild, typed, cancellationToken);
            default:
                throw new CommandInputException("Use `/source add file:` to add a document, or `/source remove source:` to remove one.");
        }
    }

    /// <summary>Suggests the server's own sources only (never the operator's or another server's).</summary>
    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (optionName != SourceOption.Name || context.Interaction.GuildId is not { } guild)
        {
            return [];
        }

        return SourceOption.Choices(DocumentTitles.Suggest(await sources.OwnDocumentsAsync(guild.Value, cancellationToken), typed));
    }

    private async Task<InteractionResponse> AddAsync(Interaction interaction, InteractionDataOption sub, CancellationToken cancellationToken)
    {
        ulong guild = sources.RequireModerator(interaction, "add to");
        string? attachmentId = sub.Options?.FirstOrDefault(o => o.Name == FileOption)?.ValueAsString();
        Attachment? attachment = null;
        if (attachmentId is not null)
        {
            interaction.Data?.Resolved?.Attachments?.TryGetValue(attachmentId, out attachment);
        }

        if (attachment is null)
        {
            throw new CommandInputException("`/source add` needs a file: attach it to the `file` option.");
        }

        string name = DiscordText.EscapeMarkdown(DiscordText.Clip(attachment.Filename, 100));
        if (!reader.Reads(attachment.Filename))
        {
            throw new CommandInputException($"I can't read “{name}”: I add {string.Join(", ", reader.Describe())} files.");
        }

        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out Uri? url))
        {
            throw new CommandInputException("Discord did not say where the file is. Try uploading it again.");
        }

        byte[] bytes;
        try
        {
            bytes = await downloads.DownloadAsync(url, attachment.Size, cancellationToken);
        }
        catch (AttachmentRejectedException ex)
        {
            throw new CommandInputException($"I can't add “{name}”: {ex.Message}");
        }

        string key = $"guild/{guild}/attachment/{attachment.Id}/{attachment.Filename}";
        IncomingDocument document;
        try
        {
            document = reader.Read(attachment.Filename, key, bytes);
        }
        catch (RejectedSourceException ex)
        {
            throw new CommandInputException($"I can't add “{name}”: {ex.Reason}.");
        }

        document = document with { Owner = GuildSources.OwnerOf(interaction, guild, attachment.Filename) };
        return await sources.AddAsync(document, $"“{name}”", cancellationToken);
    }
}
