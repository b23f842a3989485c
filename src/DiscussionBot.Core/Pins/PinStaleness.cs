using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Pins;

/// <summary>A pin is stale when any source it quotes changed or left the store since it was pinned.</summary>
public static class PinStaleness
{
    public static IReadOnlyList<PinnedSource> ChangedSources(PinRecord pin, IReadOnlyList<DocumentInfo> current)
    {
        var byId = current.ToDictionary(d => d.Id);
        return pin.Sources
            .Where(s => !byId.TryGetValue(s.DocumentId, out DocumentInfo? now) || now.ContentHash != s.ContentHash)
            .ToList();
    }
}
