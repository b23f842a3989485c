using DiscussionBot.Commands.Handlers;
using DiscussionBot.Text;
using DiscussionBot.Text.Answers;
using DiscussionBot.Text.Lexical;
using DiscussionBot.Text.Ranking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Hosting;

/// <summary>Registers the text engine (segmentation, analysis, summaries, themes, quotes) with its configuration.</summary>
public static class EngineRegistration
{
    public static void AddAnswerEngine(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTextEngine();
        services.Configure<TextEngineOptions>(configuration.GetSection(TextEngineOptions.SectionName));
        services.Configure<QuoteRankingOptions>(configuration.GetSection(QuoteRankingOptions.SectionName));
        services.Configure<KeyPhraseOptions>(configuration.GetSection(KeyPhraseOptions.SectionName));
        services.Configure<SummaryOptions>(configuration.GetSection(SummaryOptions.SectionName));
        services.Configure<ThemeOptions>(configuration.GetSection(ThemeOptions.SectionName));
        services.AddSingleton<IEngineDescription, TextEngineDescription>();
    }
}

/// <summary>What /help says about the engine: the mode in force and the model, if any.</summary>
public sealed class TextEngineDescription(TextEngineStatus status) : IEngineDescription
{
    public string Mode => status.ExpectedMode == EngineMode.Embedding ? "embeddings + words" : "words only (lexical)";

    public string Details => status.ExpectedMode == EngineMode.Embedding
        ? $"Sentence model: {status.ModelName}."
        : status.ConfiguredMode == EngineMode.Embedding
            ? "The sentence model could not be loaded, so meaning-based matching is off."
            : "Meaning-based matching is off (Engine:Mode = Lexical).";
}
