using DiscussionBot.Cli;

namespace DiscussionBot.Tests.Cli;

/// <summary>
/// <c>/source</c> in the console and <c>ask</c>: the console is a local server whose user is a moderator, and a file
/// on this machine is its attachment. Its documents are that local server's, like any server's.
/// </summary>
public sealed class SourceConsoleTests : IDisposable
{
    private readonly AppFixture _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Ask_SourceAddThenRemove_FileQuotedThenGone()
    {
        string file = _app.Folder.Combine("festival.md");
        await File.WriteAllTextAsync(file, "# Zorblat harvest festival\n\nThe zorblat harvest festival drew farmers from every valley.\n\nIt ended with a pie contest that the mayor judged.\n");

        (int addExit, string added, _) = await _app.RunAsync("ask", $"/source add file:{file}");
        (_, string quoted, _) = await _app.RunAsync("ask", "/quote query:zorblat pie contest");
        (_, string duplicate, _) = await _app.RunAsync("ask", $"/source add {file}");
        (int removeExit, string removed, _) = await _app.RunAsync("ask", "/source remove source:Zorblat harvest festival");
        (_, string after, _) = await _app.RunAsync("ask", "/quote query:zorblat pie contest");

        Assert.Equal(ExitCodes.Success, addExit);
        Assert.Contains("Added: Zorblat harvest festival", added, StringComparison.Ordinal);
        Assert.Contains("the mayor judged", quoted, StringComparison.Ordinal);
        Assert.Contains("same text as “Zorblat harvest festival”", duplicate, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, removeExit);
        Assert.Contains("Removed “Zorblat harvest festival”", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("the mayor judged", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_SourceAddMissingFile_PoliteRefusal()
    {
        (int exit, string output, string error) = await _app.RunAsync("ask", $"/source add file:{_app.Folder.Combine("nope.txt")}");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("there is no file at", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output + error, StringComparison.Ordinal);
    }
}
