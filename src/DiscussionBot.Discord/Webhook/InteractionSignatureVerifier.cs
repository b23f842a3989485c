using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace DiscussionBot.Discord.Webhook;

/// <summary>
/// Checks Discord's Ed25519 signature on an interaction POST: <c>X-Signature-Ed25519</c> (hex) over the bytes of
/// <c>X-Signature-Timestamp</c> followed by the raw, unparsed body, with the application's public key.
/// Discord deliberately sends bad signatures to check that the endpoint refuses them.
/// </summary>
public sealed class InteractionSignatureVerifier
{
    /// <summary>The request header carrying the hex signature.</summary>
    public const string SignatureHeader = "X-Signature-Ed25519";

    /// <summary>The request header carrying the signed timestamp.</summary>
    public const string TimestampHeader = "X-Signature-Timestamp";

    private const int PublicKeyBytes = 32;
    private const int SignatureBytes = 64;

    // Timestamps are decimal seconds; anything longer is not Discord's and would only cost a copy.
    private const int MaxTimestampLength = 32;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly PublicKey _key;

    /// <summary>Imports the application's public key as the Developer Portal shows it (64 hex digits).</summary>
    /// <exception cref="FormatException">The key is not 32 bytes of hex.</exception>
    public InteractionSignatureVerifier(string publicKeyHex)
    {
        if (!TryParseHex(publicKeyHex, PublicKeyBytes, out byte[]? raw) ||
            !PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out PublicKey? key))
        {
            throw new FormatException("The application public key must be 64 hexadecimal digits (Discord:PublicKey).");
        }

        _key = key!;
    }

    /// <summary>True when <paramref name="signatureHex"/> is the application's signature of timestamp + body.</summary>
    public bool IsValid(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || timestamp.Length > MaxTimestampLength ||
            !TryParseHex(signatureHex, SignatureBytes, out byte[]? signature))
        {
            return false;
        }

        int prefix = Encoding.UTF8.GetByteCount(timestamp);
        byte[] signed = new byte[prefix + body.Length];
        Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(prefix));
        return Algorithm.Verify(_key, signed, signature);
    }

    /// <summary>True when <paramref name="hex"/> is a well-formed public key (for options validation).</summary>
    public static bool IsWellFormedKey(string? hex) => TryParseHex(hex, PublicKeyBytes, out _);

    private static bool TryParseHex(string? hex, int bytes, out byte[]? value)
    {
        value = null;
        if (hex is null || hex.Length != bytes * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        value = Convert.FromHexString(hex);
        return value.Length == bytes;
    }
}
