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
    /// <summary>The scopes the entry was logged in, outermost first, rendered as text (as the console logger prints them).</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Message plus exception text, for "does not contain" checks.</summary>
    public string FullText => Exception is null ? Message : Message + Environment.NewLine + Exception;
}

/// <summary>A logger provider that keeps every entry in memory, with the text of its scopes.</summary>
public sealed class CollectingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly List<LogEntry> _entries = [];
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
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

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

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
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) => list.Add(Convert.ToString(scope, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty), scopes);
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception) { Scopes = scopes });
        }
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
