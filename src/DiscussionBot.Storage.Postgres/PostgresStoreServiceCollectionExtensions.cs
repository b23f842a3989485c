using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Core.Pins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Postgres;

public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>Registers the PostgreSQL store behind the same ports as the SQLite one. Bind <see cref="PostgresStoreOptions"/> in the app.</summary>
    public static IServiceCollection AddPostgresStore(this IServiceCollection services, Action<PostgresStoreOptions>? configure = null)
    {
        OptionsBuilder<PostgresStoreOptions> options = services.AddOptions<PostgresStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresConnections>();
        services.TryAddSingleton<PostgresDocumentStore>();
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<PostgresDocumentStore>());
        services.TryAddSingleton<IDocumentWriter, PostgresDocumentWriter>();
        services.TryAddSingleton<IAnalysisStore, PostgresAnalysisStore>();
        services.TryAddSingleton<IPinLedger, PostgresPinLedger>();
        return services;
    }
}
