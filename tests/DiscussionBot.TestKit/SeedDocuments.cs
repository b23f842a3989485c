namespace DiscussionBot.TestKit;

/// <summary>The project's own seed document, embedded so tests never read outside the repository's tests.</summary>
public static class SeedDocuments
{
    public const string KimFileName = "000_469a9296e9dd3d3e.txt";

    public const string KimTitle = "Kim Jong Un publicly mourns troops killed fighting for Russia";

    public static string KimText { get; } = ReadResource("kim-mourning-seed.txt");

    /// <summary>Writes the seed (and its title sidecar) into a folder, as the app's seeds/ folder holds it.</summary>
    public static string WriteSeedFolder(TemporaryFolder folder, string name = "seeds")
    {
        string seeds = folder.Combine(name);
        Directory.CreateDirectory(seeds);
        File.WriteAllText(Path.Combine(seeds, KimFileName), KimText);
        File.WriteAllText(Path.Combine(seeds, KimFileName + ".meta.json"), $$"""{ "title": "{{KimTitle}}" }""");
        return seeds;
    }

    private static string ReadResource(string name)
    {
        using Stream stream = typeof(SeedDocuments).Assembly.GetManifestResourceStream($"DiscussionBot.TestKit.Resources.{name}")
            ?? throw new InvalidOperationException($"Missing embedded resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
