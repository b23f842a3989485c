using DiscussionBot.Discord;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Http;

/// <summary>
/// The bot's Kestrel endpoint: <c>/interactions</c> in Http mode, <c>/healthz</c> and <c>/readyz</c> whenever it runs.
/// It is a small web app of its own whose routes call the bot's services, so the bot's host stays the same generic
/// host in every mode and the console verbs never load a web server. Listens on <c>Urls</c> (or <c>ASPNETCORE_URLS</c>,
/// or <c>--urls</c>), port 0 included; <see cref="Addresses"/> tells where it ended up.
/// </summary>
public sealed class WebEndpointHostedService(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<DiscordClientOptions> discordOptions,
    IOptions<HttpEndpointOptions> options,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<IReadOnlyList<Uri>> _addresses = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on, once started (the real port when 0 was asked for).</summary>
    public Task<IReadOnlyList<Uri>> Addresses => _addresses.Task;

    /// <summary>The configured listening addresses: <c>Urls</c>, else <c>ASPNETCORE_URLS</c>, else <see cref="HttpEndpointOptions.DefaultUrls"/>.</summary>
    public static string ResolveUrls(IConfiguration configuration) =>
        configuration["Urls"] is { Length: > 0 } urls ? urls
        : configuration["ASPNETCORE_URLS"] is { Length: > 0 } aspnet ? aspnet
        : HttpEndpointOptions.DefaultUrls;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodyBytes;
        });
        builder.WebHost.UseUrls(ResolveUrls(configuration).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        WebApplication app = builder.Build();
        bool http = discordOptions.Value.Mode == InteractionDelivery.Http;
        if (http)
        {
            InteractionEndpoint interactions = services.GetRequiredService<InteractionEndpoint>();
            app.Map("/interactions", context => interactions.HandleAsync(context));
        }

        HealthEndpoints health = services.GetRequiredService<HealthEndpoints>();
        app.MapGet("/healthz", context => HealthEndpoints.LiveAsync(context));
        app.MapGet("/readyz", context => health.ReadyAsync(context));

        await app.StartAsync(cancellationToken);
        _app = app;
        IReadOnlyList<Uri> addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];
        _addresses.TrySetResult(addresses);
        HttpLog.Listening(loggerFactory.CreateLogger<WebEndpointHostedService>(), http ? "interactions and health checks" : "health checks", string.Join(", ", addresses));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
