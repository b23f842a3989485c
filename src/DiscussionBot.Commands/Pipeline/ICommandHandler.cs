using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>Handles one slash or context-menu command by name.</summary>
public interface ICommandHandler
{
    /// <summary>The definition registered with Discord; its name routes interactions here.</summary>
    ApplicationCommand Definition { get; }

    /// <summary>True when only the invoking member sees the answer, so a deferral must be ephemeral too.</summary>
    bool RepliesPrivately => false;

    Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken);

    /// <summary>Choices for the option being typed; at most 25 are sent.</summary>
    Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApplicationCommandOptionChoice>>([]);
}

/// <summary>Handles button clicks whose custom id starts with <see cref="Prefix"/> and a colon.</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    Task<InteractionResponse> ExecuteAsync(Interaction interaction, IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}
