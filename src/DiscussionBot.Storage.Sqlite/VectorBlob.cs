using System.Runtime.InteropServices;

namespace DiscussionBot.Storage.Sqlite;

/// <summary>Sentence vectors are stored as little-endian float32 blobs.</summary>
internal static class VectorBlob
{
    public static byte[] Encode(float[] vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Vector blobs are little-endian.");
        }

        return MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
    }

    public static float[] Decode(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();
}
