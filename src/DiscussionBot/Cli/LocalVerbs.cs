using System.Globalization;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using DiscussionBot.Hosting;
using DiscussionBot.LocalConsole;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Cli;

/// <summary>The verbs that work on the local store: console, ask, ingest, sources.</summary>
public sealed class LocalVerbs(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const string EmptyStoreHint = "The store is empty. Add documents with: ingest <file-or-folder> (or put them in the seeds folder).";

    public async Task<int> ConsoleAsync(TextReader input, bool showPrompt, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        var runner = services.GetRequiredService<LocalCommandRunner>();
        await output.WriteLineAsync("DiscussionBot local console (no Discord token configured). Type /help for the commands, /exit to leave.");
        if ((await services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken)).Count == 0)
        {
            await output.WriteLineAsync(EmptyStoreHint);
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            if (showPrompt)
            {
                await output.WriteAsync("> ");
                await output.FlushAsync(cancellationToken);
            }

            string? line = await input.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/exit" or "/quit")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            InteractionResponse? response = await runner.RunAsync(line, cancellationToken);
            await output.WriteLineAsync(response is null ? LocalCommandRunner.NotACommandHint : ResponseTextRenderer.ToText(response));
            await output.WriteLineAsync();
        }

        return ExitCodes.Success;
    }

    public async Task<int> AskAsync(string line, bool json, CancellationToken cancellationToken)
    {
        if (!line.TrimStart().StartsWith('/'))
        {
            throw new UsageException($"\"{line}\" is not a slash command. {LocalCommandRunner.NotACommandHint}");
        }

        await SeedAsync(cancellationToken);
        var runner = services.GetRequiredService<LocalCommandRunner>();
        InteractionResponse? response = await runner.RunAsync(line, cancellationToken);
        if (response is null)
        {
            throw new UsageException($"\"{line}\" is not a slash command. {LocalCommandRunner.NotACommandHint}");
        }

        await output.WriteLineAsync(json ? ResponseTextRenderer.ToJson(response) : ResponseTextRenderer.ToText(response));
        return ExitCodes.Success;
    }

    public async Task<int> IngestAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<IngestionService>();
        IngestionReport report = await ingestion.IngestPathsAsync(paths, cancellationToken);
        foreach (string key in report.Added)
        {
            await output.WriteLineAsync($"added      {key}");
        }

        foreach (string key in report.Updated)
        {
            await output.WriteLineAsync($"updated    {key}");
        }

        foreach (string key in report.Unchanged)
        {
            await output.WriteLineAsync($"unchanged  {key}");
        }

        foreach (DuplicateSource duplicate in report.Duplicates)
        {
            await output.WriteLineAsync($"duplicate  {duplicate.Key}: same text as {duplicate.SameAs}, not stored");
        }

        await output.WriteLineAsync($"Ingestion done: {report}.");
        return ExitCodes.Success;
    }

    public async Task<int> RemoveAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<IngestionService>();
        try
        {
            await ingestion.RemoveAsync(keys, cancellationToken);
        }
        catch (UnknownSourceException ex)
        {
            await error.WriteLineAsync($"Nothing was removed: {ex.Message}. Run 'sources' to see the keys.");
            return ExitCodes.Failure;
        }

        foreach (string key in keys.Distinct(StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"removed    {key}");
        }

        return ExitCodes.Success;
    }

    public async Task<int> SourcesAsync(CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        IReadOnlyList<DocumentInfo> documents = await services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken);
        if (documents.Count == 0)
        {
            await output.WriteLineAsync(EmptyStoreHint);
            return ExitCodes.Success;
        }

        int keyWidth = Math.Min(40, documents.Max(d => d.SourceName.Length));
        await output.WriteLineAsync($"{"id",4}  {"key".PadRight(keyWidth)}  {"chars",8}  {"¶",4}  {"sent.",5}  {"ingested (UTC)",-16}  title");
        foreach (DocumentInfo d in documents)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{d.Id,4}  {d.SourceName.PadRight(keyWidth)}  {d.CharacterCount,8}  {d.ParagraphCount,4}  {d.SentenceCount,5}  {d.IngestedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {d.Title}"));
        }

        return ExitCodes.Success;
    }

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        IngestionReport? report = await services.GetRequiredService<StoreBootstrapper>().EnsureSeededAsync(cancellationToken);
        if (report is { ChangedAnything: true })
        {
            await error.WriteLineAsync($"Built the store from seeds/: {report}.");
        }
    }
}
