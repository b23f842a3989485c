using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// <c>/pin-summary [source] [length]</c>: moderators post a summary and pin it. The moderator check is made here,
/// from the interaction's permission bits, whatever Discord's command visibility says.
/// </summary>
public sealed class PinSummaryCommand(SourceOption sources, IPinningService pinning) : ICommandHandler
{
    /// <summary>Any of these lets a member pin: PIN_MESSAGES is the current permission; the others are accepted as moderator roles.</summary>
    public const Permissions ModeratorPermissions = Permissions.PinMessages | Permissions.ManageMessages | Permissions.Administrator;

    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "pin-summary",
        Description = "Moderators: post a summary of a source (or all) and pin it here",
        Options =
        [
            SourceOption.Definition("The source to summarise (leave empty for all sources)"),
            SummaryPresenter.LengthOption,
        ],
        DefaultMemberPermissions = PermissionsFormat.Format(Permissions.PinMessages),
        Contexts = [0],
    };

    public static bool IsModerator(Interaction interaction) =>
        interaction.Member is not null && (interaction.InvokerPermissions & ModeratorPermissions) != 0;

    public async Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!IsModerator(context.Interaction))
        {
            throw new CommandInputException("Only moderators (members who may pin messages) can pin summaries. `/summary` shows the same summary to you.");
        }

        DocumentInfo? document = await sources.ResolveAsync(context, cancellationToken);
        SummaryLength length = SummaryPresenter.ParseLength(context.GetChoice(SummaryPresenter.LengthOptionName));
        return await pinning.PostAndPinSummaryAsync(context.Interaction, document, length, cancellationToken);
    }

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        sources.AutocompleteAsync(context, optionName, typed, cancellationToken);
}

/// <summary>Posts a summary and pins it. Only the live Discord transport can pin; the console says so.</summary>
public interface IPinningService
{
    /// <summary>False where there is no Discord channel to pin in (console, <c>ask</c>); summaries then show no Pin button.</summary>
    bool CanPin { get; }

    /// <summary>Posts the summary publicly in the interaction's channel, pins that message and records the pin.</summary>
    Task<InteractionResponse> PostAndPinSummaryAsync(
        Interaction interaction, DocumentInfo? document, SummaryLength length, CancellationToken cancellationToken);

    /// <summary>Pins the summary message a Pin button was clicked on, and records the pin.</summary>
    Task<InteractionResponse> PinSummaryMessageAsync(
        Interaction interaction, long? documentId, SummaryLength length, CancellationToken cancellationToken);
}

/// <summary>The pinning service where there is no Discord connection (console, <c>ask</c>).</summary>
public sealed class UnavailablePinningService : IPinningService
{
    public bool CanPin => false;

    public Task<InteractionResponse> PostAndPinSummaryAsync(
        Interaction interaction, DocumentInfo? document, SummaryLength length, CancellationToken cancellationToken) =>
        Task.FromResult(Unavailable());

    public Task<InteractionResponse> PinSummaryMessageAsync(
        Interaction interaction, long? documentId, SummaryLength length, CancellationToken cancellationToken) =>
        Task.FromResult(Unavailable());

    private static InteractionResponse Unavailable() => Responses.Ephemeral(
        "Pinning needs Discord: I'm running in the local console, where there is no channel to pin in. " +
        "Run me with a Discord token (see README) to pin summaries; `/summary` shows the summary here.");
}

/// <summary>The Pin button on a summary (moderators): pins that very message.</summary>
public sealed class PinButton(IPinningService pinning) : IComponentHandler
{
    public const string ButtonPrefix = "pin";

    public string Prefix => ButtonPrefix;

    public Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (!PinSummaryCommand.IsModerator(interaction))
        {
            throw new CommandInputException("Only moderators (members who may pin messages) can pin summaries.");
        }

        (long? documentId, SummaryLength length) = SummaryPresenter.ParseButtonArguments(arguments);
        return pinning.PinSummaryMessageAsync(interaction, documentId, length, cancellationToken);
    }
}
