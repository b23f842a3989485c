using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DiscussionBot.Discord.Models;
using DiscussionBot.Discord.Webhook;
using NSec.Cryptography;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>
/// Plays Discord's side of the HTTP interactions endpoint: a fresh Ed25519 key pair per instance, and signed POSTs
/// (<c>X-Signature-Ed25519</c> over timestamp + body) to a bot's <c>/interactions</c>.
/// </summary>
public sealed class InteractionSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>The public key as the Developer Portal shows it, for <c>Discord:PublicKey</c>.</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>A PING (type 1), as Discord sends when the endpoint URL is saved.</summary>
    public static byte[] PingBody => Encoding.UTF8.GetBytes("""{"id":"800000000000000001","application_id":"100000000000000001","type":1,"token":"ping-token","version":1}""");

    /// <summary>The JSON body Discord would POST for <paramref name="interaction"/>.</summary>
    public static byte[] Body(Interaction interaction) => JsonSerializer.SerializeToUtf8Bytes(interaction, DiscordJsonContext.Default.Interaction);

    /// <summary>The hex signature of timestamp + body.</summary>
    public string Sign(string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));

    /// <summary>A POST to <paramref name="endpoint"/> carrying <paramref name="body"/>, signed unless <paramref name="signed"/> is false.</summary>
    public HttpRequestMessage Request(Uri endpoint, byte[] body, bool signed = true, string timestamp = "1767225600")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signed)
        {
            request.Headers.Add(InteractionSignatureVerifier.SignatureHeader, Sign(timestamp, body));
            request.Headers.Add(InteractionSignatureVerifier.TimestampHeader, timestamp);
        }

        return request;
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
