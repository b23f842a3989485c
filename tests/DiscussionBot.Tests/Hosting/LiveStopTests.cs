using DiscussionBot.Core.Answers;
using DiscussionBot.Hosting;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Tests.Hosting;

public sealed class LiveStopTests
{
    [Fact]
    public async Task RunAsync_StoppedLikeSigtermDuringWarmUp_ExitsZeroWithoutAnError()
    {
        await using FakeDiscordServer discord = await FakeDiscordServer.StartAsync();
        using var folder = new TemporaryFolder();
        using var engine = new BlockingSummaryEngine();
        engine.Arm();
        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(interactive: false, configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = folder.Combine("data", "store.db"),
            ["Store:SeedsPath"] = SeedDocuments.WriteSeedFolder(folder),
            ["Engine:Mode"] = "Lexical",
            ["Discord:Token"] = "stop-test-token",
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
        }));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISummaryEngine>(engine));
        // What the host's console lifetime does on SIGTERM, once warm-up is under way.
        builder.Services.AddHostedService(sp => new StopWhenStarted(engine.Entered, sp.GetRequiredService<IHostApplicationLifetime>()));
        var error = new StringWriter();

        int exit = await LiveMode.RunAsync(builder, error, CancellationToken.None).WaitAsync(Waiter.DefaultTimeout);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, error.ToString());
    }

    private sealed class StopWhenStarted(Task started, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = started.ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
