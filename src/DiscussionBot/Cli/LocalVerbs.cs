using System.Globalization;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Discord.Models;
using DiscussionBot.Hosting;
using DiscussionBot.LocalConsole;
using DiscussionBot.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Cli;

/// <summary>The verbs that work on the local store: console, ask, ingest, sources.</summary>
public sealed class LocalVerbs(IServiceProvider services, TextWriter output, TextWriter error)
{
    private const int MaxListedDocuments = 50;

    public const string EmptyStoreHint = "The store is empty. Add documents with: ingest <file-or-folder> (or put them in the seeds folder).";

    public async Task<int> ConsoleAsync(ILineSource lines, CancellationToken cancellationToken)
    {
        await SeedAsync(cancellationToken);
        await output.WriteLineAsync(
            "DiscussionBot local console (no Discord token configured). Type /help for the commands, a button's number to press it, /exit to leave.");
        if ((await services.GetRequiredService<IDocumentStore>().ListDocumentsAsync(cancellationToken)).Count == 0)
        {
            await output.WriteLineAsync(EmptyStoreHint);
        }

        BackgroundAnalysisService? analysis = services.GetService<BackgroundAnalysisService>();
        if (analysis is not null)
        {
            await analysis.StartAsync(cancellationToken);
        }

        try
        {
            await new ConsoleSession(services.GetRequiredService<LocalCommandRunner>(), output).RunAsync(lines, cancellationToken);
        }
        finally
        {
            // Leaving cancels the document in progress; the next start queues it again.
            await (analysis?.StopAsync(CancellationToken.None) ?? Task.CompletedTask);
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

    /// <param name="terminal">True when output is an interactive terminal: show a progress bar rather than plain lines.</param>
    public async Task<int> IngestAsync(IReadOnlyList<string> paths, bool terminal, CancellationToken cancellationToken)
    {
        var ingestion = services.GetRequiredService<IngestionService>();
        var time = services.GetRequiredService<TimeProvider>();
        long started = time.GetTimestamp();
        IngestionReport report = await IngestionProgressView.RunAsync(terminal, output, time,
            progress => ingestion.IngestPathsAsync(paths, progress, cancellationToken));
        TimeSpan elapsed = time.GetElapsedTime(started);

        // A large run lists only what needs attention; a small one lists every document.
        int listed = report.Added.Count + report.Updated.Count + report.Unchanged.Count;
        if (listed <= MaxListedDocuments)
        {
            await WriteKeysAsync("added     ", report.Added);
            await WriteKeysAsync("updated   ", report.Updated);
            await WriteKeysAsync("unchanged ", report.Unchanged);
        }

        foreach (DuplicateSource duplicate in report.Duplicates)
        {
            await output.WriteLineAsync($"duplicate  {duplicate.Key}: same text as {duplicate.SameAs}, not stored");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Ingestion done: {report} in {IngestionRate.FormatDuration(elapsed)}."));
        return ExitCodes.Success;
    }

    /// <summary>A server's document says whose it is; the operator's documents (seen everywhere) say nothing.</summary>
    private static string OwnerNote(DocumentInfo document) => document.Owner is { } owner
        ? string.Create(CultureInfo.InvariantCulture, $"  [server {owner.GuildId}, added by {owner.UserName}]")
        : document.GuildId is { } guild ? string.Create(CultureInfo.InvariantCulture, $"  [server {guild}]") : string.Empty;

    private async Task WriteKeysAsync(string label, IReadOnlyList<string> keys)
    {
        foreach (string key in keys)
        {
            await output.WriteLineAsync($"{label} {key}");
        }
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
                $"{d.Id,4}  {d.SourceName.PadRight(keyWidth)}  {d.CharacterCount,8}  {d.ParagraphCount,4}  {d.SentenceCount,5}  {d.IngestedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {d.Title}{OwnerNote(d)}"));
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
