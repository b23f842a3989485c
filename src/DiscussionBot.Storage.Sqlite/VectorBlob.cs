using System.Runtime.InteropServices;
using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>Sentence vectors are stored as little-endian float32 blobs.</summary>
internal static class VectorBlob
{
    public static byte[] Encode(float[] vector)
    {
        ThrowUnlessLittleEndian();
        return MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
    }

    public static float[] Decode(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();

    internal static void ThrowUnlessLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector blobs are little-endian.");
        }
    }
}

/// <summary>
/// The blobs of one document's sentence vectors, row by row, for one insert or update statement. Rows of a list that
/// copies its rows (a long document's 8-bit vectors) are encoded into one buffer reused for every row, which SQLite
/// copies when the statement binds it: writing an 8 MB text's 69,000 rows made a float array and a blob per row
/// (~210 MB of garbage in a few seconds), which grew the GC's young generation by ~100 MB of working set.
/// </summary>
internal sealed class VectorBlobRows(IReadOnlyList<float[]> vectors)
{
    private byte[]? _buffer;

    /// <summary>The blob of row <paramref name="index"/>, valid until the next call.</summary>
    public byte[] Row(int index)
    {
        if (vectors is not ICopiesVectorRows rows)
        {
            return VectorBlob.Encode(vectors[index]);
        }

        VectorBlob.ThrowUnlessLittleEndian();
        _buffer ??= new byte[rows.Dimension * sizeof(float)];
        rows.CopyRow(index, MemoryMarshal.Cast<byte, float>(_buffer.AsSpan()));
        return _buffer;
    }
}
