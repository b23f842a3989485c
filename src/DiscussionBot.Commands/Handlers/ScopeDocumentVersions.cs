using System.Collections.Concurrent;
using System.Text;
using DiscussionBot.Core.Documents;

namespace DiscussionBot.Commands.Handlers;

/// <summary>
/// The version of the documents a scope sees, carried by the /themes buttons: it changes when one of them is added,
/// updated or removed or gets its sentence vectors, and not when another server's documents change (unlike the store's revision).
/// Memoised per store revision, because computing it lists and hashes every visible document (milliseconds at
/// 5,000 documents, on every /themes and every click otherwise).
/// </summary>
public sealed class ScopeDocumentVersions(IDocumentStore store)
{
    /// <summary>Enough for every active server between two revisions; past it the memo starts again.</summary>
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(long Revision, ulong? Guild), long> _versions = new();

    public async Task<long> GetAsync(DocumentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        long revision = await store.GetRevisionAsync(cancellationToken);
        if (_versions.TryGetValue((revision, scope.GuildId), out long known))
        {
            return known;
        }

        long version = await ComputeAsync(scope, cancellationToken);

        // The listing may have seen a newer revision than the one read first; keep it only when nothing changed.
        if (await store.GetRevisionAsync(cancellationToken) == revision)
        {
            if (_versions.Count >= MaxEntries || _versions.Keys.Any(k => k.Revision != revision))
            {
                _versions.Clear();
            }

            _versions[(revision, scope.GuildId)] = version;
        }

        return version;
    }

    private async Task<long> ComputeAsync(DocumentScope scope, CancellationToken cancellationToken)
    {
        var visible = new StringBuilder();
        foreach (DocumentInfo document in (await store.ListDocumentsAsync(scope, cancellationToken)).OrderBy(d => d.Id))
        {
            // Vectors arriving in the background (after a server's addition) can change the themes, so they count too.
            visible.Append(document.Id).Append(':').Append(document.ContentHash).Append(':').Append(document.HasVectors ? 'v' : 'w')
                .Append(':').Append(document.Title).Append('\n');
        }

        byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(visible.ToString()));
        return BitConverter.ToInt64(hash, 0) & long.MaxValue;
    }
}
