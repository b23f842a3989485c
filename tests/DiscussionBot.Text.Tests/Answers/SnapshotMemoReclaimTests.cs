using DiscussionBot.Text.Answers;

namespace DiscussionBot.Text.Tests.Answers;

/// <summary>Full blocking collections are counted process-wide, so these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionCounting
{
    public const string Name = "garbage collection counting";
}

/// <summary>A memo build that churned a lot of memory is followed by one compacting collection; a small one is not.</summary>
[Collection(GarbageCollectionCounting.Name)]
public sealed class SnapshotMemoReclaimTests
{
    [Fact]
    public void Memo_BuildAllocatingMoreThanTheThreshold_EndsWithAFullCompactingCollection()
    {
        var snapshot = new CorpusSnapshot(1, [], [], 0, null, null);
        long before = LastFullBlockingCollection();

        snapshot.Memo("store-summary", () => Churn(CorpusSnapshot.ReclaimAfterBytes + (8 << 20)));

        GCMemoryInfo last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(last.Index > before, "no full blocking collection after a large build");
        Assert.True(last.Compacted);
    }

    [Fact]
    public void Memo_SmallBuild_NoCollection()
    {
        var snapshot = new CorpusSnapshot(1, [], [], 0, null, null);
        long before = LastFullBlockingCollection();

        snapshot.Memo("languages", () => Churn(1 << 20));

        Assert.Equal(before, LastFullBlockingCollection());
    }

    [Fact]
    public void Memo_LargeBuildNestedInAnother_CollectsOnlyAfterTheOutermost()
    {
        var snapshot = new CorpusSnapshot(1, [], [], 0, null, null);
        long before = LastFullBlockingCollection();
        long afterInner = -1;

        snapshot.Memo("store-summary", () =>
        {
            snapshot.Memo("store-terms", () => Churn(CorpusSnapshot.ReclaimAfterBytes + (8 << 20)));
            afterInner = LastFullBlockingCollection();
            return "summary";
        });

        Assert.Equal(before, afterInner);
        Assert.True(LastFullBlockingCollection() > before, "no full blocking collection after the outer build");
    }

    private static long LastFullBlockingCollection() => GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

    /// <summary>Allocates about <paramref name="bytes"/> in short-lived small arrays (below the large-object heap's size), as a whole-store build does.</summary>
    private static string Churn(long bytes)
    {
        long sum = 0;
        for (long done = 0; done < bytes; done += 64 << 10)
        {
            byte[] chunk = new byte[64 << 10];
            chunk[^1] = 1;
            sum += chunk[^1];
        }

        return sum.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
