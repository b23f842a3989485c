namespace DiscussionBot.Text.Tests;

/// <summary>The project's seed document (a news summary and commentary), copied as a test resource.</summary>
internal static class SeedText
{
    public const string Title = "Kim Jong Un publicly mourns troops killed fighting for Russia";

    private static readonly Lazy<string> Text = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Resources", "kim-mourning-seed.txt")));

    public static string KimMourning => Text.Value;
}
