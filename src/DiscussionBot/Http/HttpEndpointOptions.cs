using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Http;

/// <summary>The bot's own web endpoint (Kestrel), bound from the <c>Http</c> section; its address comes from <c>Urls</c>.</summary>
public sealed class HttpEndpointOptions
{
    public const string SectionName = "Http";

    /// <summary>Where Kestrel listens when neither <c>Urls</c>, <c>ASPNETCORE_URLS</c> nor <c>--urls</c> says.</summary>
    public const string DefaultUrls = "http://localhost:5000";

    /// <summary>
    /// The largest interaction POST accepted. Interactions are a few KiB; a message command carries the target
    /// message (2,000 characters plus embeds), far below this. Larger bodies get 413 without being read.
    /// </summary>
    [Range(4096, 8 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How far (in seconds, either way) an interaction's signed <c>X-Signature-Timestamp</c> may be from this machine's
    /// clock. A captured request replayed later is refused with 401 even though its signature is valid; 0 turns the
    /// check off. Discord signs each POST as it sends it, so five minutes leaves room for clock skew only.
    /// </summary>
    [Range(0, 86_400)]
    public int SignatureMaxAgeSeconds { get; set; } = 300;

    /// <summary>
    /// Serve <c>/healthz</c> and <c>/readyz</c> in Gateway mode too (starting the web endpoint for them). In Http mode
    /// they are always served, beside <c>/interactions</c>; the console and one-shot verbs never serve them.
    /// </summary>
    public bool HealthInGatewayMode { get; set; }
}

[OptionsValidator]
public sealed partial class HttpEndpointOptionsValidator : IValidateOptions<HttpEndpointOptions>;
