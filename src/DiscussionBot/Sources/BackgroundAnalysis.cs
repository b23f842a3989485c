using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Answers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Sources;

/// <summary>How the background analysis of added documents queues its work. Bound from the <c>Sources</c> section.</summary>
public sealed class BackgroundAnalysisOptions
{
    /// <summary>
    /// Documents waiting for their sentence vectors. Beyond this, an addition is still stored and quotable by its words;
    /// it gets its vectors when the bot next starts.
    /// </summary>
    [Range(1, 100_000)]
    public int AnalysisQueueCapacity { get; set; } = 256;
}

/// <summary>The documents waiting for their full analysis: a bounded queue, read by <see cref="BackgroundAnalysisService"/>.</summary>
public sealed class BackgroundAnalysisQueue(IOptions<BackgroundAnalysisOptions> options) : IAnalysisQueue
{
    private readonly Channel<PendingAnalysis> _channel = Channel.CreateBounded<PendingAnalysis>(
        new BoundedChannelOptions(options.Value.AnalysisQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Documents queued and not yet taken by the worker.</summary>
    public int Count => _channel.Reader.Count;

    public bool TryEnqueue(PendingAnalysis document) => _channel.Writer.TryWrite(document);

    internal ChannelReader<PendingAnalysis> Reader => _channel.Reader;
}

/// <summary>
/// Computes, one document at a time, the sentence vectors of documents that were stored with their words-only analysis
/// (a server's <c>/source add</c> answers before the encoder runs), and swaps them in. At start it first queues the
/// documents a previous run left without vectors. After each document, that server's answer snapshot is rebuilt here
/// rather than at its next command. Stopping the host cancels the document in progress; it is queued again at the next start.
/// </summary>
public sealed partial class BackgroundAnalysisService(
    BackgroundAnalysisQueue queue,
    DeferredAnalysis analysis,
    CorpusCache cache,
    TimeProvider time,
    ILogger<BackgroundAnalysisService> logger) : BackgroundService
{
    private int _completed;
    private int _handled;

    /// <summary>Documents whose analysis was stored since start (for tests and the benchmark).</summary>
    public int Completed => Volatile.Read(ref _completed);

    /// <summary>Documents taken from the queue and done with since start: stored, skipped or failed.</summary>
    public int Handled => Volatile.Read(ref _handled);

    /// <summary>Raised after each document is done with (true when its analysis was stored); for tests and the benchmark.</summary>
    public event Action<PendingAnalysis, bool>? Processed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RequeueAsync(stoppingToken);
            await foreach (PendingAnalysis pending in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await ProcessAsync(pending, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            LogStopped(queue.Count);
        }
    }

    private async Task RequeueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingAnalysis> left;
        try
        {
            left = await analysis.FindPendingAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequeueFailed(ex);
            return;
        }

        int queued = left.Count(queue.TryEnqueue);
        if (left.Count > 0)
        {
            LogRequeued(queued, left.Count);
        }
    }

    private async Task ProcessAsync(PendingAnalysis pending, CancellationToken cancellationToken)
    {
        string key = pending.Source.SourceName;
        long started = time.GetTimestamp();
        bool stored = false;
        try
        {
            // The encoder is synchronous and takes seconds: keep it off the thread that read the queue.
            stored = await Task.Run(() => analysis.CompleteAsync(pending, cancellationToken), cancellationToken);
            long elapsedMs = (long)time.GetElapsedTime(started).TotalMilliseconds;
            if (stored)
            {
                Interlocked.Increment(ref _completed);
                LogAnalysed(key, pending.Segmentation.Sentences.Count, elapsedMs);
                DocumentScope scope = pending.Source.Owner is { } owner ? DocumentScope.ForGuild(owner.GuildId) : DocumentScope.OperatorOnly;
                await cache.WarmUpAsync(scope, cancellationToken);
            }
            else
            {
                LogSkipped(key);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One bad document must not stop the others; it keeps its words-only analysis.
            LogFailed(key, ex);
        }

        Interlocked.Increment(ref _handled);
        Processed?.Invoke(pending, stored);
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "Computed the sentence vectors of {Key} ({Sentences} sentences) in {ElapsedMs} ms")]
    private partial void LogAnalysed(string key, int sentences, long elapsedMs);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Information, Message = "Sentence vectors of {Key} not stored: removed or replaced meanwhile, or the model is unavailable")]
    private partial void LogSkipped(string key);

    [LoggerMessage(EventId = 2022, Level = LogLevel.Warning, Message = "Computing the sentence vectors of {Key} failed; it stays searchable by its words")]
    private partial void LogFailed(string key, Exception exception);

    [LoggerMessage(EventId = 2023, Level = LogLevel.Information, Message = "Queued {Queued} of {Waiting} documents left without sentence vectors by an earlier run")]
    private partial void LogRequeued(int queued, int waiting);

    [LoggerMessage(EventId = 2024, Level = LogLevel.Warning, Message = "Could not look for documents left without sentence vectors; they get them at a later start")]
    private partial void LogRequeueFailed(Exception exception);

    [LoggerMessage(EventId = 2025, Level = LogLevel.Information, Message = "Background analysis stopped with {Waiting} documents queued; they are queued again at the next start")]
    private partial void LogStopped(int waiting);
}

/// <summary>Registers the background analysis of added documents.</summary>
public static class BackgroundAnalysisRegistration
{
    /// <param name="hosted">
    /// True where the host runs its hosted services (live mode); the console starts and stops the worker itself.
    /// One-shot verbs do not register it: their additions are analysed in full before they are written.
    /// </param>
    public static void AddBackgroundAnalysis(this IServiceCollection services, IConfiguration configuration, bool hosted)
    {
        services.AddOptions<BackgroundAnalysisOptions>()
            .Bind(configuration.GetSection(GuildSourceLimits.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<BackgroundAnalysisQueue>();
        services.TryAddSingleton<IAnalysisQueue>(sp => sp.GetRequiredService<BackgroundAnalysisQueue>());
        services.TryAddSingleton<DeferredAnalysis>();
        services.TryAddSingleton<BackgroundAnalysisService>();
        if (hosted)
        {
            services.AddHostedService(sp => sp.GetRequiredService<BackgroundAnalysisService>());
        }
    }
}
