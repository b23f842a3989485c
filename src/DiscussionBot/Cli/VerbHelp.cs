namespace DiscussionBot.Cli;

/// <summary>The text of <c>--help</c> for the program and each verb.</summary>
public static class VerbHelp
{
    public const string Program = """
        DiscussionBot: answers slash commands with summaries, themes and verbatim quotes from its source documents.

        Usage: dotnet run --project src/DiscussionBot -- [verb] [options]

        Verbs:
          (none), run   With Discord:Token configured, run the bot on Discord; without one, open the local console.
          console       Open the local console even when a token is configured.
          ask <line>    Answer one slash command and exit, e.g. ask "/quote query:cannon fodder". --json prints the reply's data object.
          ingest <path> Add or update source documents from files or folders.
          sources       List the documents in the store.

        Every verb takes --help. Configuration: config/appsettings.json and environment variables
        (Discord__Token, Store__Path, Store__SeedsPath, Engine__Mode). See README.md.
        Quality and speed measurements are developer tools under tools/ (see docs/quality.md, docs/performance.md).
        """;

    public const string Run = """
        Usage: dotnet run --project src/DiscussionBot [-- run]

        With Discord:Token set (environment Discord__Token), connects to Discord and answers there.
        Without a token, builds the store from seeds/ when it is missing or stale and opens the local console,
        where you type the bot's slash commands (/help, /summary, /quote query:...). /exit leaves.
        """;

    public const string Console = """
        Usage: dotnet run --project src/DiscussionBot -- console

        Opens the local console even when a Discord token is configured. Type slash commands such as
        /help, /summary length:medium, /themes, /theme name:propaganda, /quote query:cannon fodder count:2,
        /sources. Options are written name:value; a value runs up to the next " name:" of that command.
        /exit (or end of input) leaves.
        """;

    public const string Ask = """
        Usage: dotnet run --project src/DiscussionBot -- ask "<slash command line>" [--json]

        Answers one command, exactly as the bot would answer it on Discord, and exits.
          --json   Print only the data object of the interaction response (content, embeds, components,
                   flags, allowed_mentions) as JSON on stdout.
        Exit code 0 whenever the bot answered (including "not in the sources" and refusals), 2 for a usage
        error, 1 when the store cannot be used.
        """;

    public const string Ingest = """
        Usage: dotnet run --project src/DiscussionBot -- ingest <file-or-folder>...

        Adds new documents and updates changed ones (matched by file name). Unchanged documents are skipped.
        Every file must be non-empty UTF-8 text; if any file is rejected, nothing is written and the message
        names the file. A title may be given in a sidecar <file>.meta.json: {"title": "..."}.
        """;

    public const string Sources = """
        Usage: dotnet run --project src/DiscussionBot -- sources

        Lists the documents in the store: id, title, size, paragraphs, sentences, when ingested.
        """;
}
