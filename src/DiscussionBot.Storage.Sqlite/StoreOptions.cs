using System.ComponentModel.DataAnnotations;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>Where the SQLite store lives. Bound from the <c>Store</c> configuration section.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    /// <summary>
    /// The database file. Empty means the per-user data folder
    /// (<c>~/.local/share/DiscussionBot/discussionbot.db</c> on Linux), outside the source tree.
    /// </summary>
    public string? Path { get; set; }

    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 30;

    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        string dataRoot = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return System.IO.Path.Combine(dataRoot, "DiscussionBot", "discussionbot.db");
    }
}

[Microsoft.Extensions.Options.OptionsValidator]
public sealed partial class StoreOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<StoreOptions>;
