using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Core.Pins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Sqlite;

public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>Registers the SQLite store as the document store and writer. Bind <see cref="StoreOptions"/> in the app.</summary>
    public static IServiceCollection AddSqliteStore(this IServiceCollection services, Action<StoreOptions>? configure = null)
    {
        var options = services.AddOptions<StoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteConnectionFactory>();
        services.TryAddSingleton<SqliteDocumentStore>();
        services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteDocumentStore>());
        services.TryAddSingleton<IDocumentWriter, SqliteDocumentWriter>();
        services.TryAddSingleton<IAnalysisStore, SqliteAnalysisStore>();
        services.TryAddSingleton<IPinLedger, SqlitePinLedger>();
        return services;
    }
}
