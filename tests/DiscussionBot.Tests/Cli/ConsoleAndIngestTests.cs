using DiscussionBot.Cli;
using DiscussionBot.TestKit;

namespace DiscussionBot.Tests.Cli;

public sealed class ConsoleAndIngestTests : IDisposable
{
    private readonly AppFixture _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Console_ReadsCommandsUntilExit()
    {
        var input = new StringReader("/sources\n\nnot a command\n/quote query:cannon fodder\n/exit\n/help\n");

        (int exit, string output, _) = await _app.RunWithInputAsync(input, "console");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Sources (1)", output, StringComparison.Ordinal);
        Assert.Contains("Type a slash command", output, StringComparison.Ordinal);
        Assert.Contains("cannon fodder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("== DiscussionBot ==", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_NewFolder_ReportsAddedThenUnchanged()
    {
        _app.Folder.WriteText("more/article.txt", "An article about grain exports. Prices rose sharply.");

        (int exit, string output, _) = await _app.RunAsync("ingest", _app.Folder.Combine("more"));
        (_, string again, _) = await _app.RunAsync("ingest", _app.Folder.Combine("more"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("added      article.txt", output, StringComparison.Ordinal);
        Assert.Contains("unchanged  article.txt", again, StringComparison.Ordinal);
        (_, string sources, _) = await _app.RunAsync("sources");
        Assert.Contains("article.txt", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_BinaryFile_RejectedNamingFileExitOne()
    {
        _app.Folder.WriteText("mixed/ok.txt", "Fine text. Really fine.");
        _app.Folder.WriteBytes("mixed/photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]);

        (int exit, _, string error) = await _app.RunAsync("ingest", _app.Folder.Combine("mixed"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("photo.jpg", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        (_, string sources, _) = await _app.RunAsync("sources");
        Assert.DoesNotContain("ok.txt", sources, StringComparison.Ordinal);
    }
}
