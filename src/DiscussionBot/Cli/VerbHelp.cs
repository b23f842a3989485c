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
          sources       List the documents in the store, with their keys.
          remove <key>  Remove documents from the store by key.
          register      Register the slash commands with Discord (only when they changed) and exit.

        Every verb takes --help. Configuration: config/appsettings.json and environment variables
        (Discord__Token, Store__Path, Store__SeedsPath, Engine__Mode). See README.md.
        Quality and speed measurements are developer tools under tools/ (see docs/quality.md, docs/performance.md).
        """;

    public const string Run = """
        Usage: dotnet run --project src/DiscussionBot [-- run [--urls <url;url>]]

        With Discord:Token set (environment Discord__Token), answers on Discord: over the gateway
        (Discord:Mode=Gateway, the default) or at POST /interactions (Discord:Mode=Http, with Discord:PublicKey),
        listening on --urls, Urls or ASPNETCORE_URLS (default http://localhost:5000).
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

        Adds new documents and updates changed ones. Each document is identified by its key: the path relative
        to the folder given (a/article.txt and b/article.txt are two documents), or for a file given by itself
        its path relative to the working folder. Unchanged documents are skipped; a file with exactly the text
        of a stored document is reported ("same text as ...") and not stored twice.
        .html/.htm, .md and .pdf files are converted to text first (HTML: the article's main text; PDF: the
        text layer); any other file must be non-empty UTF-8 text. Every file is checked before anything is
        written: if one is rejected, nothing is written and the message names the file. Documents are then
        committed in batches (Ingestion:BatchSize, default 64): an interruption loses at most one batch, and
        running the same command again finishes the job. A terminal shows a progress bar (count, rate, time
        left); redirected output gets one line per batch. A title may be given in a sidecar
        <file>.meta.json: {"title": "..."}.
        """;

    public const string Remove = """
        Usage: dotnet run --project src/DiscussionBot -- remove <key>...

        Removes the documents with these keys (as the sources verb shows them), all in one transaction: if
        any key is unknown, nothing is removed. Pins that quoted a removed document are shown as stale.
        A document still in the seeds folder comes back at the next start; delete the file too.
        """;

    public const string Register = """
        Usage: dotnet run --project src/DiscussionBot -- register

        Registers the bot's slash commands with Discord by bulk overwrite, only when Discord's copy differs,
        globally or to Discord:GuildId, then exits (0 when done or unchanged, 1 when Discord refused). Needs
        Discord:Token. In Http mode replicas do not register at start: run this once per release instead.
        """;

    public const string Sources = """
        Usage: dotnet run --project src/DiscussionBot -- sources

        Lists the documents in the store: id, key, size, paragraphs, sentences, when ingested, title.
        """;
}
