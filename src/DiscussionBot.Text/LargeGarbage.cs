namespace DiscussionBot.Text;

/// <summary>
/// Hands back to the system the pages a large one-off computation left behind. Whole-store builds and a long
/// document's analysis allocate hundreds of MB that die at once, and the GC keeps the generations it grew for them
/// committed as the process's working set; one compacting collection that decommits what it frees returns them.
/// Ordinary commands and batches allocate far less and never pay for it.
/// </summary>
internal static class LargeGarbage
{
    /// <summary>Allocation by one computation above which it is followed by a compacting collection.</summary>
    public const long ReclaimAfterBytes = 64L << 20;

    /// <summary>What <see cref="ReclaimIfAllocatedSince"/> compares against (process-wide: work may run on several threads).</summary>
    public static long AllocatedSoFar() => GC.GetTotalAllocatedBytes();

    /// <summary>Reclaims when more than <see cref="ReclaimAfterBytes"/> were allocated since <paramref name="before"/>.</summary>
    public static void ReclaimIfAllocatedSince(long before)
    {
        if (AllocatedSoFar() - before >= ReclaimAfterBytes)
        {
            Reclaim();
        }
    }

    /// <summary>One blocking, compacting collection of every generation that decommits what it frees.</summary>
    public static void Reclaim() => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
