namespace DiscussionBot.Hosting;

/// <summary>Where the seed documents are, bound from <c>Store:SeedsPath</c>.</summary>
public sealed class SeedOptions
{
    /// <summary>Empty means the <c>seeds/</c> folder of the checkout: found from the working folder or the program's folder upwards.</summary>
    public string? SeedsPath { get; set; }

    public string? ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(SeedsPath))
        {
            return Path.GetFullPath(SeedsPath);
        }

        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? folder = new(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "seeds");
                if (Directory.Exists(candidate) && File.Exists(Path.Combine(folder.FullName, "DiscussionBot.sln")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
