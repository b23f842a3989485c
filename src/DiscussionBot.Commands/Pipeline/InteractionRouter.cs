using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Answers;
using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>
/// The one command pipeline, used by the console, <c>ask</c> and the gateway alike: an interaction in,
/// the response Discord should receive out. It never throws for bad input: refusals and failures
/// become polite ephemeral replies, and every response is brought within Discord's limits.
/// </summary>
public sealed partial class InteractionRouter
{
    private readonly Dictionary<string, ICommandHandler> _commands;
    private readonly Dictionary<string, IComponentHandler> _components;
    private readonly MemberCooldowns _cooldowns;
    private readonly ILogger<InteractionRouter> _logger;

    public InteractionRouter(
        IEnumerable<ICommandHandler> commands,
        IEnumerable<IComponentHandler> components,
        MemberCooldowns cooldowns,
        ILogger<InteractionRouter> logger)
    {
        _cooldowns = cooldowns;
        _commands = commands.ToDictionary(c => c.Definition.Name, StringComparer.Ordinal);
        _components = components.ToDictionary(c => c.Prefix, StringComparer.Ordinal);
        _logger = logger;
    }

    /// <summary>True for commands whose answers only the invoking member sees (a deferral must then be ephemeral too).</summary>
    public bool RepliesPrivately(Interaction interaction) =>
        interaction.Type == InteractionType.ApplicationCommand &&
        _commands.TryGetValue(interaction.Data?.Name ?? string.Empty, out ICommandHandler? handler) &&
        handler.RepliesPrivately;

    /// <summary>Every command definition, for registration with Discord.</summary>
    public IReadOnlyList<ApplicationCommand> Definitions =>
        _commands.Values.Select(c => c.Definition).OrderBy(d => d.Type).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

    public async Task<InteractionResponse> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (interaction.Type is InteractionType.ApplicationCommand or InteractionType.MessageComponent &&
            _cooldowns.TryEnter(interaction) is { } wait)
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return ResponseLimits.Enforce(Responses.Ephemeral(
                $"You're going a bit fast: please wait {seconds} second{(seconds == 1 ? string.Empty : "s")} before the next command."));
        }

        InteractionResponse response = interaction.Type switch
        {
            InteractionType.Ping => new InteractionResponse(InteractionCallbackType.Pong),
            InteractionType.ApplicationCommand => await RunCommandAsync(interaction, cancellationToken),
            InteractionType.ApplicationCommandAutocomplete => await AutocompleteAsync(interaction, cancellationToken),
            InteractionType.MessageComponent => await RunComponentAsync(interaction, cancellationToken),
            _ => Responses.Ephemeral("I can't handle that kind of interaction."),
        };
        return ResponseLimits.Enforce(response);
    }

    private async Task<InteractionResponse> RunCommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        string name = interaction.Data?.Name ?? string.Empty;
        if (!_commands.TryGetValue(name, out ICommandHandler? handler))
        {
            return Responses.Ephemeral($"I don't know the command `/{DiscordText.Clip(name, 40)}`. Try `/help` to see what I can do.");
        }

        var context = new CommandContext(interaction, handler.Definition);
        string? unknown = context.UnknownOptions.FirstOrDefault();
        if (unknown is not null)
        {
            string known = string.Join(", ", handler.Definition.Options?.Select(o => $"`{o.Name}`") ?? []);
            return Responses.Ephemeral(
                $"`/{name}` has no option `{DiscordText.Clip(unknown, 40)}`." +
                (known.Length > 0 ? $" Its options are {known}." : " It takes no options."));
        }

        return await GuardAsync(name, () => handler.ExecuteAsync(context, cancellationToken), cancellationToken);
    }

    private async Task<InteractionResponse> RunComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        string customId = interaction.Data?.CustomId ?? string.Empty;
        string[] parts = customId.Split(':');
        if (!_components.TryGetValue(parts[0], out IComponentHandler? handler))
        {
            return Responses.Ephemeral("That button no longer does anything. Run the command again.");
        }

        return await GuardAsync(parts[0], () => handler.ExecuteAsync(interaction, parts[1..], cancellationToken), cancellationToken);
    }

    private async Task<InteractionResponse> AutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        if (!_commands.TryGetValue(interaction.Data?.Name ?? string.Empty, out ICommandHandler? handler))
        {
            return Responses.Choices([]);
        }

        InteractionDataOption? focused = Leaves(interaction.Data?.Options).FirstOrDefault(o => o.Focused == true);
        if (focused is null)
        {
            return Responses.Choices([]);
        }

        try
        {
            var context = new CommandContext(interaction, handler.Definition);
            string typed = DiscordText.Clip(focused.ValueAsString() ?? string.Empty, DiscordLimits.ChoiceLength);
            return Responses.Choices(await handler.AutocompleteAsync(context, focused.Name, typed, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Autocomplete is a convenience: an empty list beats an error popup while typing.
            LogHandlerFailed(ex, handler.Definition.Name);
            return Responses.Choices([]);
        }
    }

    /// <summary>The options a member fills in, inside sub-commands (<c>/source remove source:</c>) too.</summary>
    private static IEnumerable<InteractionDataOption> Leaves(IReadOnlyList<InteractionDataOption>? options) =>
        (options ?? []).SelectMany(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup
            ? Leaves(o.Options)
            : [o]);

    private async Task<InteractionResponse> GuardAsync(string name, Func<Task<InteractionResponse>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run();
        }
        catch (CommandInputException ex)
        {
            return Responses.Ephemeral(ex.Message);
        }
        catch (CommandReplyException ex)
        {
            return ex.Response;
        }
        catch (DocumentNotFoundException)
        {
            return Responses.Ephemeral("That source is no longer in the store. Use `/sources` to see what is there.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, name);
            return Responses.Ephemeral("Something went wrong on my side while answering that. The operator can find the details in the bot's log.");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Handling /{Command} failed")]
    private partial void LogHandlerFailed(Exception exception, string command);
}
