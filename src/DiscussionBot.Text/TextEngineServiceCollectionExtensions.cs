using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Documents;
using DiscussionBot.Text.Embeddings;
using DiscussionBot.Text.Ingestion;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Text;

public static class TextEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the text engine: segmenter, ingestion analyzer, summary/theme/quote engines and the
    /// per-revision corpus cache. Needs <see cref="IDocumentStore"/> and <see cref="IAnalysisStore"/> from
    /// a storage project. Bind configuration with <c>services.Configure&lt;TextEngineOptions&gt;(section)</c>
    /// ("Engine" section) or pass <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddTextEngine(this IServiceCollection services, Action<TextEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TextEngineOptions> builder = services.AddOptions<TextEngineOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TextEngineOptions>, TextEngineOptionsValidator>());

        // tuning weights: defaults are the tuned values; hosts may bind their sections (QuoteRankingOptions.SectionName, ...)
        services.AddOptions<QuoteRankingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuoteRankingOptions>, QuoteRankingOptionsValidator>());
        services.AddOptions<KeyPhraseOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyPhraseOptions>, KeyPhraseOptionsValidator>());
        services.AddOptions<SummaryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SummaryOptions>, SummaryOptionsValidator>());
        services.AddOptions<ThemeOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThemeOptions>, ThemeOptionsValidator>());
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton<ITextSegmenter, TextSegmenter>();
        services.TryAddSingleton<ISentenceEmbedder, OnnxSentenceEmbedder>();
        services.TryAddSingleton<IDocumentAnalyzer, DocumentAnalyzer>();
        services.TryAddSingleton<CorpusCache>();
        services.TryAddSingleton<TextEngineStatus>();
        services.TryAddSingleton<ISummaryEngine, SummaryEngine>();
        services.TryAddSingleton<IThemeEngine, ThemeEngine>();
        services.TryAddSingleton<IQuoteEngine, QuoteEngine>();
        return services;
    }
}
