using DiscussionBot.Core.Ingestion;

namespace DiscussionBot.Core.Tests.Ingestion;

public sealed class SourceFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("discussionbot-core-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_CrLfAndBom_NormalisedAndHashedStably()
    {
        string a = Write("a.txt", "\uFEFFLine one.\r\nLine two.\r\n");
        string b = Write("b.txt", "Line one.\nLine two.\n");

        IncomingDocument first = new SourceFileReader().Read(a);
        IncomingDocument second = new SourceFileReader().Read(b);

        Assert.Equal("Line one.\nLine two.\n", first.Text);
        Assert.Equal(second.ContentHash, first.ContentHash);
    }

    [Fact]
    public void Read_HeadlineFirstLine_BecomesTitle()
    {
        string file = Write("news.txt", "Grain corridor reopens\n\nThe corridor reopened on Monday. Ships sailed.");

        Assert.Equal("Grain corridor reopens", new SourceFileReader().Read(file).Title);
    }

    [Fact]
    public void Read_SentenceFirstLine_FileNameIsTitle()
    {
        string file = Write("story-42.txt", "This opening line is a sentence and ends with a full stop.\nMore.");

        Assert.Equal("story-42", new SourceFileReader().Read(file).Title);
    }

    [Fact]
    public void Read_SidecarTitle_Wins()
    {
        string file = Write("x.txt", "Some headline\n\nBody text here.");
        Write("x.txt.meta.json", """{ "title": "The real title" }""");

        Assert.Equal("The real title", new SourceFileReader().Read(file).Title);
    }

    [Fact]
    public void Read_BrokenSidecar_RejectedNamingSidecar()
    {
        string file = Write("y.txt", "Body.");
        Write("y.txt.meta.json", "{ not json");

        var error = Assert.Throws<RejectedSourceException>(() => new SourceFileReader().Read(file));
        Assert.Contains("y.txt.meta.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpandPaths_Folder_SkipsSidecarsAndHiddenFilesInNameOrder()
    {
        Write("b.txt", "B.");
        Write("a.txt", "A.");
        Write("a.txt.meta.json", "{}");
        Write(".hidden", "H.");

        IReadOnlyList<string> files = SourceFileReader.ExpandPaths([_folder]);

        Assert.Equal(["a.txt", "b.txt"], files.Select(Path.GetFileName));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
