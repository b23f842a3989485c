using DiscussionBot.Discord.Models;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Discord;

/// <summary>Settings for the Discord REST and gateway clients.</summary>
public sealed class DiscordClientOptions
{
    /// <summary>The default REST base address (API v10).</summary>
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>How interactions arrive: over the gateway (default) or POSTed to our HTTP endpoint.</summary>
    public InteractionDelivery Mode { get; set; } = InteractionDelivery.Gateway;

    /// <summary>The application's public key (hex, from the Developer Portal); required in <see cref="InteractionDelivery.Http"/> mode.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token. Optional at startup; required once a client talks to Discord.</summary>
    public string? Token { get; set; }

    /// <summary>REST base address with the version, e.g. <c>https://discord.com/api/v10</c>.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>A guild for guild-scoped commands (testing); null for global commands.</summary>
    public ulong? GuildId { get; set; }

    /// <summary>This process's shard id, 0-based.</summary>
    public int ShardId { get; set; }

    /// <summary>The total number of shards.</summary>
    public int ShardCount { get; set; } = 1;

    /// <summary>The repository URL sent in the User-Agent.</summary>
    public string RepositoryUrl { get; set; } = "https://github.com/discussionbot/discussionbot";

    /// <summary>The version sent in the User-Agent.</summary>
    public string Version { get; set; } = "0.1.0";

    /// <summary>How many received interactions may wait for the host before new ones are dropped.</summary>
    public int InteractionQueueCapacity { get; set; } = 256;

    /// <summary>Largest gateway message accepted; a larger one closes the connection (1009) and the session resumes.</summary>
    public int MaxGatewayMessageBytes { get; set; } = Transport.WebSocketGatewayTransport.DefaultMaxMessageBytes;

    /// <summary>True when a token is set, i.e. the bot can go live.</summary>
    public bool HasToken => !string.IsNullOrWhiteSpace(Token);

    /// <summary><see cref="GuildId"/> as a snowflake.</summary>
    public Snowflake? Guild => GuildId is { } id ? new Snowflake(id) : null;

    /// <summary>The token, or a clear error when it is missing.</summary>
    /// <exception cref="InvalidOperationException">No token is configured.</exception>
    public string RequireToken() => HasToken
        ? Token!
        : throw new InvalidOperationException("The Discord bot token is not configured (Discord:Token).");

    /// <summary>The User-Agent header value Discord requires.</summary>
    public string UserAgent => $"DiscordBot ({RepositoryUrl}, {Version})";

    /// <summary>Describes the options without the token.</summary>
    public override string ToString() =>
        $"DiscordClientOptions {{ Token = {(HasToken ? "(set)" : "(not set)")}, ApiBaseUrl = {ApiBaseUrl}, " +
        $"GuildId = {GuildId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, Shard = {ShardId}/{ShardCount} }}";
}

/// <summary>How Discord delivers interactions to the bot; one or the other, never both.</summary>
public enum InteractionDelivery
{
    /// <summary>INTERACTION_CREATE over the gateway WebSocket.</summary>
    Gateway,

    /// <summary>POSTs to the Interactions Endpoint URL, signed with Ed25519.</summary>
    Http,
}

/// <summary>Checks <see cref="DiscordClientOptions"/> at startup. The token is not required here.</summary>
public sealed class DiscordClientOptionsValidator : IValidateOptions<DiscordClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscordClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out Uri? api) ||
            (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (options.ShardCount < 1)
        {
            failures.Add("Discord:ShardCount must be at least 1.");
        }

        if (options.ShardId < 0 || options.ShardId >= options.ShardCount)
        {
            failures.Add("Discord:ShardId must be in [0, ShardCount).");
        }

        if (options.GuildId == 0)
        {
            failures.Add("Discord:GuildId must be a snowflake when set.");
        }

        if (options.InteractionQueueCapacity < 1)
        {
            failures.Add("Discord:InteractionQueueCapacity must be at least 1.");
        }

        if (options.MaxGatewayMessageBytes < 65536)
        {
            failures.Add("Discord:MaxGatewayMessageBytes must be at least 65536.");
        }

        if (options.Mode == InteractionDelivery.Http && !Webhook.InteractionSignatureVerifier.IsWellFormedKey(options.PublicKey))
        {
            failures.Add("Discord:PublicKey must be the application's public key (64 hexadecimal digits) when Discord:Mode is Http.");
        }

        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add("Discord:Mode must be Gateway or Http.");
        }

        if (string.IsNullOrWhiteSpace(options.RepositoryUrl) || string.IsNullOrWhiteSpace(options.Version))
        {
            failures.Add("Discord:RepositoryUrl and Discord:Version are required for the User-Agent.");
        }

        if (options.Token is { } token && (token.StartsWith("Bot ", StringComparison.Ordinal) || token.Any(char.IsWhiteSpace)))
        {
            failures.Add("Discord:Token must be the bare token, without the 'Bot ' prefix or whitespace.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
