using System.Security.Cryptography;
using System.Text;
using DiscussionBot.Core.Answers;

namespace DiscussionBot.Text.Answers;

/// <summary>Short ids for themes, derived from their labels, so a button names the same theme while the store is unchanged.</summary>
internal static class ThemeIds
{
    public static IReadOnlyList<Theme> Assign(IReadOnlyList<Theme> themes) =>
        themes.Select(t => t with { Id = Of(t.Label) }).ToList();

    public static string Of(string label)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(label.ToLowerInvariant()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 5));
    }
}
