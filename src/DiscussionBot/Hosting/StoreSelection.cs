using DiscussionBot.Storage.Postgres;
using DiscussionBot.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiscussionBot.Hosting;

/// <summary>Which store backs the bot: one SQLite file (default), or a PostgreSQL database shared by several replicas.</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary><c>Store:Provider</c>, bound (and so checked by the configuration check) like every other option.</summary>
public sealed class StoreProviderOptions
{
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;
}

public static class StoreSelection
{
    /// <summary>
    /// The provider decides which services exist, so it is read before the host is built; an unreadable value falls back
    /// to SQLite here and is reported by the configuration check (binder error), like every other bad value.
    /// </summary>
    public static StoreProvider Provider(IConfiguration configuration) =>
        Enum.TryParse(configuration["Store:Provider"], ignoreCase: true, out StoreProvider provider) && Enum.IsDefined(provider)
            ? provider
            : StoreProvider.Sqlite;

    public static void AddStore(IServiceCollection services, IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection(StoreOptions.SectionName);
        services.AddOptions<StoreProviderOptions>().Bind(section).ValidateOnStart();
        if (Provider(configuration) == StoreProvider.Postgres)
        {
            services.AddPostgresStore();
            services.Configure<PostgresStoreOptions>(section);
            return;
        }

        services.AddSqliteStore();
        services.Configure<StoreOptions>(section);
    }
}
