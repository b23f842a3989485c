using Microsoft.Extensions.Logging;

namespace DiscussionBot.TestKit;

/// <summary>One collected log entry.</summary>
/// <param name="Category">The logger category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception, if any.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>Message plus exception text, for "does not contain" checks.</summary>
    public string FullText => Exception is null ? Message : Message + Environment.NewLine + Exception;
}

/// <summary>A logger provider that keeps every entry in memory.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly List<LogEntry> _entries = [];
    private readonly Waiter _waiter = new();

    /// <summary>All entries so far.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>A typed logger writing here.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new Factory(this));

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CollectingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>Waits until an entry matching <paramref name="match"/> has been logged (a failure guard, not a sleep).</summary>
    public Task WaitForAsync(Func<LogEntry, bool> match, string what, TimeSpan? timeout = null) =>
        _waiter.UntilAsync(() => Entries.Any(match), what, timeout);

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }

        _waiter.Pulse();
    }

    private sealed class CollectingLogger(CollectingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }

    private sealed class Factory(CollectingLoggerProvider provider) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
