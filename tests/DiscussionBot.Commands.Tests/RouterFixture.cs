using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Core.Answers;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.Core.Pins;
using DiscussionBot.Storage.Sqlite;
using DiscussionBot.TestKit;
using DiscussionBot.TestKit.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DiscussionBot.Commands.Tests;

/// <summary>The real command pipeline over a real SQLite store holding the seed; the engines are simple mocks.</summary>
public sealed class RouterFixture : IDisposable
{
    private readonly ServiceProvider _services;
    private SqlitePinLedger? _ledger;

    public RouterFixture(bool seeded = true, Action<IServiceCollection>? configure = null)
    {
        Store = new StoreFixture();
        if (seeded)
        {
            Store.Ingestion.IngestPathsAsync([SeedDocuments.WriteSeedFolder(Store.Folder)], CancellationToken.None).GetAwaiter().GetResult();
        }

        var services = new ServiceCollection();
        services.AddSingleton<IDocumentStore>(Store.Store);
        services.AddSingleton(Store.Ingestion);
        services.AddSingleton(new SourceFileReader());
        services.AddSingleton(Attachments.Object);
        services.AddSingleton<IPinLedger>(Ledger);
        services.AddSingleton(Summaries.Object);
        services.AddSingleton(Themes.Object);
        services.AddSingleton(Quotes.Object);
        services.AddSingleton(Engine.Object);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        configure?.Invoke(services);
        services.AddDiscussionCommands();
        _services = services.BuildServiceProvider();
        Engine.SetupGet(e => e.Mode).Returns("lexical-only");
        Engine.SetupGet(e => e.Details).Returns("No embedding model loaded.");
    }

    public StoreFixture Store { get; }

    public SqlitePinLedger Ledger => _ledger ??= new SqlitePinLedger(Store.Connections);

    public Mock<ISummaryEngine> Summaries { get; } = new();

    /// <summary>The attachment host; Discord-level download behaviour is tested through the fake Discord in the app's tests.</summary>
    public Mock<IAttachmentDownloader> Attachments { get; } = new();

    public Mock<IThemeEngine> Themes { get; } = new();

    public Mock<IQuoteEngine> Quotes { get; } = new();

    public Mock<DiscussionBot.Commands.Handlers.IEngineDescription> Engine { get; } = new();

    public InteractionRouter Router => _services.GetRequiredService<InteractionRouter>();

    public DocumentInfo SeedDocument => Store.Store.ListDocumentsAsync(CancellationToken.None).GetAwaiter().GetResult().Single();

    public CitedSentence Cite(int ordinal)
    {
        SourceDocument document = Store.Store.GetDocumentAsync(SeedDocument.Id, CancellationToken.None).GetAwaiter().GetResult()!;
        Sentence sentence = document.Sentences[ordinal];
        return new CitedSentence(document.CiteSentence(sentence), sentence.Text);
    }

    public void Dispose()
    {
        _services.Dispose();
        Store.Dispose();
    }
}
