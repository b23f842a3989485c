using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Hosting;
using DiscussionBot.LocalConsole;
using DiscussionBot.Sources;
using DiscussionBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Cli;

/// <summary>Parses the verb, builds the host and runs the verb. Failures become one line on stderr and an exit code.</summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Action<IConfigurationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        string verb = args.Length == 0 ? "run" : args[0];
        string[] rest = args.Length == 0 ? [] : args[1..];
        try
        {
            if (verb is "--help" or "-h" or "help")
            {
                await output.WriteLineAsync(VerbHelp.Program);
                return ExitCodes.Success;
            }

            if (verb is "--version")
            {
                await output.WriteLineAsync(typeof(CliApplication).Assembly.GetName().Version?.ToString(3));
                return ExitCodes.Success;
            }

            string? help = verb switch
            {
                "run" => VerbHelp.Run,
                "console" => VerbHelp.Console,
                "ask" => VerbHelp.Ask,
                "ingest" => VerbHelp.Ingest,
                "sources" => VerbHelp.Sources,
                "remove" => VerbHelp.Remove,
                "register" => VerbHelp.Register,
                _ => throw new UsageException($"Unknown verb '{verb}'. Run with --help to see the verbs."),
            };
            if (rest.Contains("--help") || rest.Contains("-h"))
            {
                await output.WriteLineAsync(help);
                return ExitCodes.Success;
            }

            return await RunVerbAsync(verb, rest, input, output, error, configure, cancellationToken);
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"Usage error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (InvalidConfigurationException ex)
        {
            await error.WriteLineAsync($"Configuration error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (StoreUnusableException ex)
        {
            await error.WriteLineAsync($"Error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (Storage.Postgres.PostgresStoreUnavailableException ex)
        {
            await error.WriteLineAsync($"Error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"Invalid configuration: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (RejectedSourceException ex)
        {
            await error.WriteLineAsync($"Rejected, nothing was written: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
    }

    private static async Task<int> RunVerbAsync(
        string verb,
        string[] rest,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Action<IConfigurationBuilder>? configure,
        CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(configure);
        if (verb == "run")
        {
            rest = TakeUrls(rest, builder.Configuration);
        }

        bool live = verb == "run" && DiscussionBotHost.HasDiscordToken(builder.Configuration);
        DiscussionBotHost.UseLogging(builder, interactive: !live);
        if (live)
        {
            ExpectNoArguments(verb, rest);
            return await LiveMode.RunAsync(builder, error, cancellationToken);
        }

        if (verb == "register")
        {
            ExpectNoArguments(verb, rest);
            return await RegisterVerb.RunAsync(builder, output, error, cancellationToken);
        }

        // The console and ask act as a local server whose attachments are files on this machine.
        builder.Services.Replace(ServiceDescriptor.Singleton<IAttachmentDownloader, LocalFileAttachments>());
        if (verb is "run" or "console")
        {
            // The console's additions answer at once and get their sentence vectors while the session goes on.
            builder.Services.AddBackgroundAnalysis(builder.Configuration, hosted: false);
        }

        using IHost host = builder.Build();
        ConfigurationCheck.ThrowIfInvalid(host.Services);
        var verbs = new LocalVerbs(host.Services, output, error);
        switch (verb)
        {
            case "run" or "console":
                ExpectNoArguments(verb, rest);
                ILineSource lines = !Console.IsInputRedirected && ReferenceEquals(input, Console.In)
                    ? new TerminalLineEditor(new SystemConsoleKeys(), output)
                    : new TextReaderLineSource(input);
                return await verbs.ConsoleAsync(lines, cancellationToken);
            case "ask":
                string[] words = rest.Where(a => a != "--json").ToArray();
                if (words.Length != 1)
                {
                    throw new UsageException("ask takes one slash command line in quotes, e.g. ask \"/quote query:cannon fodder\" [--json].");
                }

                return await verbs.AskAsync(words[0], rest.Contains("--json"), cancellationToken);
            case "ingest":
                if (rest.Length == 0 || rest.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
                {
                    throw new UsageException("ingest takes one or more files or folders, e.g. ingest seeds/");
                }

                return await verbs.IngestAsync(rest, terminal: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected, cancellationToken);
            case "remove":
                if (rest.Length == 0 || rest.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
                {
                    throw new UsageException("remove takes one or more document keys as 'sources' shows them, e.g. remove news/article.txt");
                }

                return await verbs.RemoveAsync(rest, cancellationToken);
            default:
                ExpectNoArguments(verb, rest);
                return await verbs.SourcesAsync(cancellationToken);
        }
    }

    /// <summary>Takes <c>--urls &lt;value&gt;</c> (as ASP.NET apps accept it) into the configuration as <c>Urls</c>.</summary>
    private static string[] TakeUrls(string[] rest, IConfigurationBuilder configuration)
    {
        int at = Array.IndexOf(rest, "--urls");
        if (at < 0)
        {
            return rest;
        }

        if (at + 1 >= rest.Length || rest[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException("--urls takes the addresses to listen on, e.g. --urls http://0.0.0.0:8080");
        }

        configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Urls", rest[at + 1])]);
        return [.. rest[..at], .. rest[(at + 2)..]];
    }

    private static void ExpectNoArguments(string verb, string[] rest)
    {
        if (rest.Length > 0)
        {
            throw new UsageException($"{verb} takes no arguments (got '{rest[0]}'). Run '{verb} --help'.");
        }
    }
}
