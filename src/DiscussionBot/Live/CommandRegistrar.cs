using System.Text.Json;
using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Discord;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Live;

/// <summary>
/// Registers the bot's commands once at start, by bulk overwrite, and only when Discord's copy differs from
/// ours: creating commands counts against a daily limit, and re-registering on every start is a known anti-pattern.
/// Registers to one guild (instant) when Discord:GuildId is set, globally otherwise. Done at start in Gateway mode, and
/// by the <c>register</c> verb (or the one instance configured with Live:RegisterCommandsAtStart) in Http mode, never
/// by every replica.
/// </summary>
public sealed class CommandRegistrar(
    DiscordRestClientFactory restClients,
    InteractionRouter router,
    IOptions<DiscordClientOptions> options,
    ILogger<CommandRegistrar> logger)
{
    /// <summary>Registers when needed; a Discord error on the command routes is logged, and the commands registered earlier stay.</summary>
    public async Task<Snowflake> RegisterAsync(CancellationToken cancellationToken)
    {
        DiscordRestClient rest = restClients.Create();
        DiscordApplication application = await rest.GetCurrentApplicationAsync(cancellationToken);
        try
        {
            await RegisterAsync(rest, application.Id, cancellationToken);
        }
        catch (DiscordApiException ex)
        {
            LiveLog.CommandRegistrationFailed(logger, ex);
        }

        return application.Id;
    }

    /// <summary>Registers when needed and says what it did; every failure is thrown (the <c>register</c> verb reports it).</summary>
    public async Task<CommandRegistration> RegisterOrThrowAsync(CancellationToken cancellationToken)
    {
        DiscordRestClient rest = restClients.Create();
        DiscordApplication application = await rest.GetCurrentApplicationAsync(cancellationToken);
        return await RegisterAsync(rest, application.Id, cancellationToken);
    }

    private async Task<CommandRegistration> RegisterAsync(DiscordRestClient rest, Snowflake applicationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<ApplicationCommand> wanted = router.Definitions;
        Snowflake? guild = options.Value.Guild;
        string scope = guild is { } id ? $"in guild {id}" : "globally";
        IReadOnlyList<ApplicationCommand> existing = guild is { } g
            ? await rest.GetGuildCommandsAsync(applicationId, g, cancellationToken)
            : await rest.GetGlobalCommandsAsync(applicationId, cancellationToken);
        if (Normalize(existing) == Normalize(wanted))
        {
            LiveLog.CommandsUnchanged(logger, wanted.Count);
            return new CommandRegistration(wanted.Count, Changed: false, scope);
        }

        _ = guild is { } target
            ? await rest.BulkOverwriteGuildCommandsAsync(applicationId, target, wanted, cancellationToken)
            : await rest.BulkOverwriteGlobalCommandsAsync(applicationId, wanted, cancellationToken);
        LiveLog.CommandsRegistered(logger, wanted.Count, scope);
        return new CommandRegistration(wanted.Count, Changed: true, scope);
    }

    /// <summary>
    /// A canonical form of the fields we set: Discord answers with extra fields (ids, versions) and leaves out
    /// defaults (required:false), so both sides are reduced to the same shape before comparing.
    /// </summary>
    public static string Normalize(IEnumerable<ApplicationCommand> commands)
    {
        var canonical = commands
            .OrderBy(c => c.Type)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new ApplicationCommand
            {
                Name = c.Name,
                Description = c.Description,
                Type = c.Type,
                DefaultMemberPermissions = c.DefaultMemberPermissions,
                Options = c.Options is { Count: > 0 } options
                    ? options.Select(o => o with
                    {
                        Required = o.Required == true ? true : null,
                        Autocomplete = o.Autocomplete == true ? true : null,
                        Choices = o.Choices is { Count: > 0 } ? o.Choices : null,
                    }).ToList()
                    : null,
            })
            .ToList();
        return JsonSerializer.Serialize<IReadOnlyList<ApplicationCommand>>(canonical, DiscordJsonContext.Default.IReadOnlyListApplicationCommand);
    }
}

/// <summary>What a registration did: how many commands, whether Discord's copy had to change, and where ("globally", "in guild …").</summary>
public sealed record CommandRegistration(int Count, bool Changed, string Scope);
