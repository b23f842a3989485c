using DiscussionBot.Core.Documents;
using DiscussionBot.Text.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Hosting;

/// <summary>Registers the text engine (segmentation, analysis, summaries, themes, quotes).</summary>
public static class EngineRegistration
{
    public static void AddAnswerEngine(IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<ITextSegmenter, TextSegmenter>();
    }
}
