using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/summary [source] [length]</c>: an extractive summary of one source or of the whole store.</summary>
public sealed class SummaryCommand(SummaryPresenter presenter, SourceOption sources) : ICommandHandler
{
    public ApplicationCommand Definition { get; } = new()
    {
        Name = "summary",
        Description = "Summarise one source, or all of them, in sentences quoted from the sources",
        Options =
        [
            SourceOption.Definition("The source to summarise (leave empty for all sources)"),
            SummaryPresenter.LengthOption,
        ],
    };

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        DocumentInfo? document = await sources.ResolveAsync(context, cancellationToken);
        SummaryLength length = SummaryPresenter.ParseLength(context.GetChoice(SummaryPresenter.LengthOptionName));
        return await presenter.RespondAsync(document?.Id, length, InteractionScope.Of(context.Interaction), context.Notices, InteractionCallbackType.ChannelMessageWithSource, cancellationToken);
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        sources.AutocompleteAsync(context, optionName, typed, cancellationToken);
}

/// <summary>The "Shorter"/"Longer" buttons on a summary: redraw the same message at the new length.</summary>
public sealed class SummaryLengthButton(SummaryPresenter presenter) : IComponentHandler
{
    public string Prefix => SummaryPresenter.ButtonPrefix;

    public Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        (long? documentId, SummaryLength length) = SummaryPresenter.ParseButtonArguments(arguments);
        return presenter.RespondAsync(documentId, length, InteractionScope.Of(interaction), [], InteractionCallbackType.UpdateMessage, cancellationToken);
    }
}
