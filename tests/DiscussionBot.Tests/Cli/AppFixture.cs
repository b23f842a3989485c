using DiscussionBot.Cli;
using DiscussionBot.TestKit;
using Microsoft.Extensions.Configuration;

namespace DiscussionBot.Tests.Cli;

/// <summary>Runs the real CLI in-process against a temporary store and seeds folder (lexical mode: no model needed).</summary>
public sealed class AppFixture : IDisposable
{
    public AppFixture()
    {
        Folder = new TemporaryFolder();
        SeedsPath = SeedDocuments.WriteSeedFolder(Folder);
        StorePath = Folder.Combine("data", "store.db");
    }

    public TemporaryFolder Folder { get; }

    public string SeedsPath { get; }

    public string StorePath { get; }

    public Dictionary<string, string?> Settings { get; } = new();

    public async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => await RunWithInputAsync(TextReader.Null, args);

    public async Task<(int Exit, string Output, string Error)> RunWithInputAsync(TextReader input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await CliApplication.RunAsync(args, input, output, error, configuration => configuration
            .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Store:Path"] = StorePath,
            ["Store:SeedsPath"] = SeedsPath,
            ["Engine:Mode"] = "Lexical",
            ["Discord:Token"] = string.Empty,
            ["Commands:CooldownBurst"] = "1000",
        })
            .AddInMemoryCollection(Settings));
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Folder.Dispose();
}
