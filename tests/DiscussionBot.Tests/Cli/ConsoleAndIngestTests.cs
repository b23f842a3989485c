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

    [Fact]
    public async Task Console_EmptySeedsFolder_StartsAndSaysTheStoreIsEmpty()
    {
        foreach (string file in Directory.EnumerateFiles(_app.SeedsPath))
        {
            File.Delete(file);
        }

        (int exit, string output, string error) = await _app.RunWithInputAsync(new StringReader("/sources\n/exit\n"), "console");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("The store is empty", output, StringComparison.Ordinal);
        Assert.Contains("no sources yet", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }

    [Fact]
    public async Task Sources_MissingSeedsFolder_SaysTheStoreIsEmpty()
    {
        _app.Settings["Store:SeedsPath"] = _app.Folder.Combine("no-such-folder");

        (int exit, string output, _) = await _app.RunAsync("sources");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("The store is empty", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TwoFoldersWithOneFileName_TwoKeysThenRemoveOne()
    {
        _app.Folder.WriteText("news/a/article.txt", "An article about grain exports. Prices rose sharply.");
        _app.Folder.WriteText("news/b/article.txt", "A story about a new bridge. Work starts in spring.");
        _app.Folder.WriteText("news/b/copy.txt", "An article about grain exports. Prices rose sharply.");

        (_, string output, _) = await _app.RunAsync("ingest", _app.Folder.Combine("news"));
        (int removed, string removal, _) = await _app.RunAsync("remove", "a/article.txt");
        (_, string sources, _) = await _app.RunAsync("sources");

        Assert.Contains("added      a/article.txt", output, StringComparison.Ordinal);
        Assert.Contains("added      b/article.txt", output, StringComparison.Ordinal);
        Assert.Contains("duplicate  b/copy.txt: same text as a/article.txt", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, removed);
        Assert.Contains("removed    a/article.txt", removal, StringComparison.Ordinal);
        Assert.Contains("b/article.txt", sources, StringComparison.Ordinal);
        Assert.DoesNotContain("a/article.txt", sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_UnknownKey_ExitOneNothingRemoved()
    {
        (int exit, _, string error) = await _app.RunAsync("remove", SeedDocuments.KimFileName, "nope.txt");
        (_, string sources, _) = await _app.RunAsync("sources");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("Nothing was removed", error, StringComparison.Ordinal);
        Assert.Contains("nope.txt", error, StringComparison.Ordinal);
        Assert.Contains(SeedDocuments.KimFileName, sources, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_HtmlAndMarkdown_StoredAsConvertedTextWithTheirTitles()
    {
        _app.Folder.WriteText("web/page.html", "<title>x</title><article><h1>Bridge approved</h1><p>The council approved a bridge.</p></article>");
        _app.Folder.WriteText("web/notes.md", "# Harvest notes\n\nFarmers harvested *early*.");

        (int exit, _, _) = await _app.RunAsync("ingest", _app.Folder.Combine("web"));
        (_, string sources, _) = await _app.RunAsync("sources");
        (_, string quote, _) = await _app.RunAsync("ask", "/quote query:council bridge");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Bridge approved", sources, StringComparison.Ordinal);
        Assert.Contains("Harvest notes", sources, StringComparison.Ordinal);
        Assert.Contains("The council approved a bridge.", quote, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OutputRedirected_PlainProgressLinesAndSummary()
    {
        for (int i = 0; i < 60; i++)
        {
            _app.Folder.WriteText($"bulk/doc{i:00}.txt", $"Document {i} reports on item {i}. It has a second sentence about item {i}.");
        }

        _app.Settings["Ingestion:BatchSize"] = "25";
        (int exit, string output, _) = await _app.RunAsync("ingest", _app.Folder.Combine("bulk"));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Checking 60 files before writing anything", output, StringComparison.Ordinal);
        Assert.Contains("25/60 documents", output, StringComparison.Ordinal);
        Assert.Contains("50/60 documents", output, StringComparison.Ordinal);
        Assert.Contains("60/60 documents", output, StringComparison.Ordinal);
        Assert.Contains("Ingestion done: added 60, updated 0, unchanged 0 in ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("added      doc", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_InvalidBatchSize_RefusedWithMessage()
    {
        _app.Folder.WriteText("one/a.txt", "Text. More text.");
        _app.Settings["Ingestion:BatchSize"] = "0";

        (int exit, _, string error) = await _app.RunAsync("ingest", _app.Folder.Combine("one"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("BatchSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_ButtonNumbers_PressTheButtonsOfTheLatestAnswer()
    {
        var input = new StringReader("/summary\n1\n7\n/help\n1\n/exit\n");

        (int exit, string output, _) = await _app.RunWithInputAsync(input, "console");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("[1] Longer", output, StringComparison.Ordinal);
        Assert.Contains("[medium ·", output, StringComparison.Ordinal);
        Assert.Contains("[1] Shorter  [2] Longer", output, StringComparison.Ordinal);
        Assert.Contains("Type a button's number, 1 to 2, to press it.", output, StringComparison.Ordinal);
        // /help has no buttons: the numbers still refer to the summary, whose Shorter button goes back to short.
        Assert.Contains("[short ·", output[output.LastIndexOf("== Summary", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
