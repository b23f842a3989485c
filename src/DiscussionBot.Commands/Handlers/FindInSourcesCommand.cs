using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// The "Find in sources" message context-menu command: the verbatim source passages closest to the selected
/// message. Discord sends that message's content with the interaction, so no Message Content intent is needed.
/// </summary>
public sealed class FindInSourcesCommand(IQuoteEngine engine) : ICommandHandler
{
    public const string CommandName = "Find in sources";
    private const int Passages = 3;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = CommandName,
        Type = ApplicationCommandType.Message,
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        InteractionData? data = context.Interaction.Data;
        Message? target = null;
        if (data?.TargetId is { } id)
        {
            data.Resolved?.Messages?.TryGetValue(id.ToString(), out target);
        }

        string text = target?.Content?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new CommandInputException("That message has no text I can look for in the sources (embeds and attachments aren't searched).");
        }

        if (text.Length > QuoteCommand.MaxQueryLength)
        {
            text = text[..QuoteCommand.MaxQueryLength];
            context.AddNotice($"The message is long, so I searched with its first {QuoteCommand.MaxQueryLength} characters.");
        }

        QuoteResult result = await engine.FindQuotesAsync(new QuoteRequest(text, null, Passages), InteractionScope.Of(context.Interaction), cancellationToken);
        return Rendering.Responses.Message(QuoteCommand.Render(result, scope: null), context.Notices);
    }
}
