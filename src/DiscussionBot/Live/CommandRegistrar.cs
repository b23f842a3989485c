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
/// Registers to one guild (instant) when Discord:GuildId is set, globally otherwise.
/// </summary>
public sealed class CommandRegistrar(
    DiscordRestClientFactory restClients,
    InteractionRouter router,
    IOptions<DiscordClientOptions> options,
    ILogger<CommandRegistrar> logger)
{
    public async Task<Snowflake> RegisterAsync(CancellationToken cancellationToken)
    {
        DiscordRestClient rest = restClients.Create();
        DiscordApplication application = await rest.GetCurrentApplicationAsync(cancellationToken);
        Snowflake applicationId = application.Id;
        IReadOnlyList<ApplicationCommand> wanted = router.Definitions;
        Snowflake? guild = options.Value.Guild;
        try
        {
            IReadOnlyList<ApplicationCommand> existing = guild is { } g
                ? await rest.GetGuildCommandsAsync(applicationId, g, cancellationToken)
                : await rest.GetGlobalCommandsAsync(applicationId, cancellationToken);
            if (Normalize(existing) == Normalize(wanted))
            {
                LiveLog.CommandsUnchanged(logger, wanted.Count);
                return applicationId;
            }

            _ = guild is { } target
                ? await rest.BulkOverwriteGuildCommandsAsync(applicationId, target, wanted, cancellationToken)
                : await rest.BulkOverwriteGlobalCommandsAsync(applicationId, wanted, cancellationToken);
            LiveLog.CommandsRegistered(logger, wanted.Count, guild is { } id ? $"in guild {id}" : "globally");
        }
        catch (DiscordApiException ex)
        {
            LiveLog.CommandRegistrationFailed(logger, ex);
        }

        return applicationId;
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
