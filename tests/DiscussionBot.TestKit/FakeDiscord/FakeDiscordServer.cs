using System.Net;
using DiscussionBot.Discord;
using DiscussionBot.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiscussionBot.TestKit.FakeDiscord;

/// <summary>
/// A fake Discord on 127.0.0.1 with an ephemeral port: REST under <see cref="ApiBaseUrl"/> and a WebSocket gateway.
/// <code>
/// await using var discord = await FakeDiscordServer.StartAsync();
/// options.ApiBaseUrl = discord.ApiBaseUrl;
/// await discord.Gateway.SendInteractionAsync(FakeInteractions.SlashCommand("ask"));
/// discord.Requests ...
/// </code>
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDiscordServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Gateway = new FakeGateway(this);
        Rest = new FakeRest(this);
        Attachments = new FakeAttachments(this);
    }

    /// <summary>Files served as Discord's CDN would serve attachments.</summary>
    public FakeAttachments Attachments { get; }

    /// <summary>The server root, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The REST base URL to put in <c>DiscordClientOptions.ApiBaseUrl</c>.</summary>
    public string ApiBaseUrl => new Uri(BaseUri, "api/v10").ToString();

    /// <summary>The gateway URL returned by <c>/gateway/bot</c>.</summary>
    public Uri GatewayUrl => new UriBuilder(BaseUri) { Scheme = "ws", Path = "/gateway" }.Uri;

    /// <summary>The <c>resume_gateway_url</c> sent in READY.</summary>
    public Uri ResumeGatewayUrl => new UriBuilder(BaseUri) { Scheme = "ws", Path = "/resume" }.Uri;

    /// <summary>The application id (READY, <c>/applications/@me</c>).</summary>
    public Snowflake ApplicationId { get; } = new(100000000000000001);

    /// <summary>The WebSocket gateway.</summary>
    public FakeGateway Gateway { get; }

    /// <summary>The REST API.</summary>
    public FakeRest Rest { get; }

    /// <summary>Every REST request, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Rest.Requests;

    /// <summary>Points client options at this server (base URL, and a token if none is set).</summary>
    public DiscordClientOptions Apply(DiscordClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ApiBaseUrl = ApiBaseUrl;
        options.Token ??= "fake-discord-token";
        return options;
    }

    /// <summary>Starts the server.</summary>
    public static async Task<FakeDiscordServer> StartAsync(CancellationToken cancellationToken = default)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        FakeDiscordServer? server = null;
        app.UseWebSockets();
        app.Map("/gateway", context => server!.Gateway.HandleAsync(context));
        app.Map("/resume", context => server!.Gateway.HandleAsync(context));
        app.Map("/api/v10/{**path}", context => server!.Rest.HandleAsync(context));
        app.Map("/attachments/{**path}", context => server!.Attachments.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FakeDiscordServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
