using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text.Tests;

public sealed class TextEngineServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTextEngine_WithStore_ResolvesEveryPort()
    {
        var store = new InMemoryDocumentStore();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IDocumentStore>(store);
        services.AddSingleton<IAnalysisStore>(store);

        services.AddTextEngine(o => o.Mode = EngineMode.Lexical);
        using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.NotNull(provider.GetRequiredService<ITextSegmenter>());
        Assert.NotNull(provider.GetRequiredService<IDocumentAnalyzer>());
        Assert.NotNull(provider.GetRequiredService<ISummaryEngine>());
        Assert.NotNull(provider.GetRequiredService<IThemeEngine>());
        Assert.NotNull(provider.GetRequiredService<IQuoteEngine>());
        Assert.Equal(EngineMode.Lexical, provider.GetRequiredService<TextEngineStatus>().ActiveMode);
    }

    [Fact]
    public void AddTextEngine_InvalidOptions_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddTextEngine(o => o.EmbeddingBatchSize = 0);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TextEngineOptions>>().Value);
    }
}
