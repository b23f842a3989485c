namespace DiscussionBot.LocalConsole;

/// <summary>Where the console's lines come from: a terminal with line editing, or redirected input.</summary>
public interface ILineSource
{
    /// <summary>The next line, or null when the user leaves (end of input, Ctrl+D, a second Ctrl+C).</summary>
    /// <returns>An empty string when the user cancelled the line being typed.</returns>
    Task<string?> ReadLineAsync(CancellationToken cancellationToken);
}

/// <summary>Lines from redirected input or a script: no prompt, no editing.</summary>
public sealed class TextReaderLineSource(TextReader input) : ILineSource
{
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) => await input.ReadLineAsync(cancellationToken);
}
