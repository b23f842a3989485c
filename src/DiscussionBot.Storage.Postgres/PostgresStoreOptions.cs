using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Storage.Postgres;

/// <summary>The shared PostgreSQL store (Store:Provider=Postgres), bound from the <c>Store</c> section.</summary>
public sealed class PostgresStoreOptions
{
    public const string SectionName = "Store";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=discussionbot;Username=bot;Password=…</c>. Never logged.</summary>
    [Required]
    [MinLength(1)]
    public string ConnectionString { get; set; } = string.Empty;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;
}

[OptionsValidator]
public sealed partial class PostgresStoreOptionsValidator : IValidateOptions<PostgresStoreOptions>;
