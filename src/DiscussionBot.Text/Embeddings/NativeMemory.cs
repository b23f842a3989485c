using System.Runtime.InteropServices;

namespace DiscussionBot.Text.Embeddings;

/// <summary>
/// Gives the C allocator's free pages back to the system. ONNX Runtime allocates each encoder batch's working
/// memory with malloc (its arena is off); glibc keeps what the batches freed in per-thread heaps, so a long
/// ingestion's working set grew by hundreds of MB that nothing used (measured in docs/performance.md). Linux with
/// glibc only; elsewhere it does nothing.
/// </summary>
internal static class NativeMemory
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (Volatile.Read(ref _unavailable))
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no malloc_trim: nothing to give back this way
            Volatile.Write(ref _unavailable, true);
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable and the project allows no unsafe code
    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
