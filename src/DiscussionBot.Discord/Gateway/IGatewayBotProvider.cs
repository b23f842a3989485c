namespace DiscussionBot.Discord.Gateway;

/// <summary>Fetches <c>GET /gateway/bot</c> (implemented by the REST client).</summary>
public interface IGatewayBotProvider
{
    /// <summary>The gateway URL and the session-start budget.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);
}
