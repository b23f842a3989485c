using DiscussionBot.Discord;
using DiscussionBot.Discord.Rest;
using DiscussionBot.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Hosting;

/// <summary>
/// The <c>register</c> verb: one explicit registration of the commands, so replicas of the HTTP endpoint (which may
/// start and stop at any time) never each overwrite them at start.
/// </summary>
public static class RegisterVerb
{
    public static async Task<int> RunAsync(HostApplicationBuilder builder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!DiscussionBotHost.HasDiscordToken(builder.Configuration))
        {
            await error.WriteLineAsync("Error: register needs the bot token (Discord:Token, environment Discord__Token).");
            return Cli.ExitCodes.Failure;
        }

        builder.Services.AddDiscordClient();
        builder.Services.Configure<DiscordClientOptions>(builder.Configuration.GetSection("Discord"));
        builder.Services.AddSingleton<CommandRegistrar>();
        using IHost host = builder.Build();
        ConfigurationCheck.ThrowIfInvalid(host.Services);
        try
        {
            CommandRegistration done = await host.Services.GetRequiredService<CommandRegistrar>().RegisterOrThrowAsync(cancellationToken);
            await output.WriteLineAsync(done.Changed
                ? $"Registered {done.Count} commands {done.Scope}."
                : $"The {done.Count} commands registered {done.Scope} are already current; nothing changed.");
            return Cli.ExitCodes.Success;
        }
        catch (DiscordApiException ex)
        {
            await error.WriteLineAsync($"Error: Discord refused the registration: HTTP {(int)ex.StatusCode}, code {ex.Code}.");
            return Cli.ExitCodes.Failure;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"Error: Discord could not be reached: {ex.Message}");
            return Cli.ExitCodes.Failure;
        }
    }
}
