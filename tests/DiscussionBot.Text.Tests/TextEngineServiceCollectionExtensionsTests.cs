using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Configuration;
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

    [Fact]
    public void AddTextEngine_TuningSections_BindIntoTheOptionsRecords()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Engine:Quotes:DocumentPriorWeight"] = "2.5",
                ["Engine:KeyPhrases:SingleWordFactor"] = "0.4",
                ["Engine:Summaries:RedundancyFloor"] = "0.8",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddTextEngine();
        services.Configure<QuoteRankingOptions>(configuration.GetSection(QuoteRankingOptions.SectionName));
        services.Configure<KeyPhraseOptions>(configuration.GetSection(KeyPhraseOptions.SectionName));
        services.Configure<SummaryOptions>(configuration.GetSection(SummaryOptions.SectionName));
        using ServiceProvider provider = services.BuildServiceProvider();

        QuoteRankingOptions quotes = provider.GetRequiredService<IOptions<QuoteRankingOptions>>().Value;
        Assert.Equal(2.5, quotes.DocumentPriorWeight);
        Assert.Equal(QuoteRankingOptions.Default with { DocumentPriorWeight = 2.5 }, quotes);
        Assert.Equal(0.4, provider.GetRequiredService<IOptions<KeyPhraseOptions>>().Value.SingleWordFactor);
        Assert.Equal(0.8, provider.GetRequiredService<IOptions<SummaryOptions>>().Value.RedundancyFloor);
    }

    [Fact]
    public void AddTextEngine_OutOfRangeTuning_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddTextEngine();
        services.Configure<QuoteRankingOptions>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CommonTermShare"] = "2" }).Build());
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<QuoteRankingOptions>>().Value);
    }
}
