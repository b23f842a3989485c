using System.Net;
using DiscussionBot.Http;
using DiscussionBot.Tests.Live;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Tests.Http;

/// <summary>The live harness in Http mode, with its signer and the endpoint's address.</summary>
internal sealed class HttpBot : IAsyncDisposable
{
    private readonly HttpClient _client = new() { Timeout = Waiter.DefaultTimeout };

    private HttpBot(LiveHarness live, InteractionSigner signer, Uri root)
    {
        Live = live;
        Signer = signer;
        Root = root;
    }

    public LiveHarness Live { get; }

    public InteractionSigner Signer { get; }

    public Uri Root { get; }

    public Uri Endpoint => new(Root, "interactions");

    private bool _ownsSigner = true;

    /// <param name="signer">Shared by replicas (one application, one key); the first bot's when null.</param>
    public static async Task<HttpBot> StartAsync(
        Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        InteractionSigner? signer = null,
        FakeDiscordServer? discord = null,
        TemporaryFolder? folder = null)
    {
        bool ownsSigner = signer is null;
        signer ??= new InteractionSigner();
        var all = new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "Http",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Urls"] = "http://127.0.0.1:0",
        };
        foreach ((string key, string? value) in settings ?? [])
        {
            all[key] = value;
        }

        LiveHarness live = await LiveHarness.StartAsync(services, folder, discord, settings: all);
        IReadOnlyList<Uri> addresses = await live.Services.GetRequiredService<WebEndpointHostedService>().Addresses.WaitAsync(Waiter.DefaultTimeout);
        return new HttpBot(live, signer, addresses[0]) { _ownsSigner = ownsSigner };
    }

    public Task<HttpResponseMessage> PostAsync(HttpRequestMessage request) => _client.SendAsync(request);

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using HttpResponseMessage response = await _client.GetAsync(new Uri(Root, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_ownsSigner)
        {
            Signer.Dispose();
        }

        await Live.DisposeAsync();
    }
}
