using DiscussionBot.Discord.Gateway;

namespace DiscussionBot.Discord.Tests.Support;

/// <summary>Always returns the same "random" number.</summary>
internal sealed class FixedRandom(double value) : IRandomSource
{
    public double NextDouble() => value;
}

/// <summary>Waits the same time before every reconnect.</summary>
internal sealed class FixedReconnectStrategy(TimeSpan delay) : IReconnectStrategy
{
    public TimeSpan GetDelay(int attempt) => delay;
}

internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
