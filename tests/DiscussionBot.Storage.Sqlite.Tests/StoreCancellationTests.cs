using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Storage.Sqlite.Tests;

public sealed class StoreCancellationTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task StoreCalls_CancelledToken_ThrowBeforeTouchingTheStore()
    {
        await _fixture.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(_fixture.Folder)], CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Store.ListDocumentsAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Store.GetRevisionAsync(cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Store.GetDocumentAsync(1, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Store.SearchSentencesAsync(["troops"], null, 5, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Writer.ListStoredSourcesAsync(cancelled.Token));
    }
}
