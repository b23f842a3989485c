using DiscussionBot.Commands.Handlers;
using DiscussionBot.Commands.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Commands;

public static class CommandsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the command pipeline and every command. Needs the Core ports (store and engines), the ingestion use case
    /// (<see cref="Core.Ingestion.IngestionService"/>, <see cref="Core.Ingestion.SourceFileReader"/>) and an
    /// <see cref="IAttachmentDownloader"/> registered elsewhere.
    /// </summary>
    public static IServiceCollection AddDiscussionCommands(this IServiceCollection services, Action<CommandOptions>? configure = null)
    {
        OptionsBuilder<CommandOptions> options = services.AddOptions<CommandOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>());
        services.TryAddSingleton<MemberCooldowns>();
        services.TryAddSingleton<SourceModerators>();
        services.TryAddSingleton<SourceOption>();
        services.TryAddSingleton<ScopeDocumentVersions>();
        services.TryAddSingleton<SummaryPresenter>();
        services.TryAddSingleton<GuildSources>();
        services.TryAddSingleton<IPinningService, UnavailablePinningService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, HelpCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, SourcesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, SummaryCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ThemesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, ThemeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, QuoteCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, PinSummaryCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, PinsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, FindInSourcesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, SourceCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommandHandler, AddToSourcesCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, SummaryLengthButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, PinButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, QuoteContextButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, MoreQuotesButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, ExplainThemeButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, PickSourceButton>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, SourcesPageButton>());
        services.TryAddSingleton<InteractionRouter>();
        return services;
    }
}
