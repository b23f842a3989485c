using System.Text;
using DiscussionBot.Core.Documents;
using DiscussionBot.Core.Ingestion;
using DiscussionBot.TestKit.Storage;

namespace DiscussionBot.Formats.Tests;

/// <summary>Conversion runs before segmentation: what is stored, segmented and cited is the converted text.</summary>
public sealed class FormattedIngestionTests : IDisposable
{
    private readonly StoreFixture _fixture = new(formats: FormatsServiceCollectionExtensions.All());

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task IngestPathsAsync_HtmlMarkdownPdf_StoresConvertedTextWithTitlesAndVerbatimSentences()
    {
        _fixture.Folder.WriteText("in/page.html", "<title>Site</title><article><h1>Bridge approved</h1><p>The council approved a new bridge. Work starts in spring.</p></article>");
        _fixture.Folder.WriteText("in/notes.md", "# Harvest notes\n\nFarmers harvested **early**. Rain is expected.");
        _fixture.Folder.WriteBytes("in/report.pdf", PdfFixtures.WithPages("Export report", ["Exports rose by a tenth. Ships sailed again."]));

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("in")], CancellationToken.None);

        Assert.Equal(3, report.Added.Count);
        IReadOnlyList<DocumentInfo> documents = await _fixture.Store.ListDocumentsAsync(CancellationToken.None);
        Assert.Equal(["Bridge approved", "Export report", "Harvest notes"], documents.Select(d => d.Title));
        foreach (DocumentInfo info in documents)
        {
            SourceDocument document = (await _fixture.Store.GetDocumentAsync(info.Id, CancellationToken.None))!;
            Assert.DoesNotContain('<', document.Text);
            Assert.DoesNotContain("**", document.Text, StringComparison.Ordinal);
            Assert.All(document.Sentences, s => Assert.Equal(s.Text, document.Text.Substring(s.Start, s.Length)));
        }

        SentenceHit hit = Assert.Single(await _fixture.Store.SearchSentencesAsync(["council"], null, 5, CancellationToken.None));
        SourceDocument page = (await _fixture.Store.GetDocumentAsync(hit.DocumentId, CancellationToken.None))!;
        Assert.Equal("The council approved a new bridge.", page.Sentences[hit.SentenceOrdinal].Text);
    }

    [Fact]
    public async Task IngestPathsAsync_HtmlWithSameTextAsPlainFile_ReportedAsDuplicate()
    {
        _fixture.Folder.WriteText("in/a.txt", "The council approved a new bridge.");
        _fixture.Folder.WriteText("in/b.html", "<p>The council approved a <b>new</b> bridge.</p>");

        IngestionReport report = await _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("in")], CancellationToken.None);

        Assert.Equal([new DuplicateSource("b.html", "a.txt")], report.Duplicates);
    }

    [Theory]
    [InlineData("scan.pdf", "no text layer")]
    [InlineData("broken.pdf", "cannot be read as PDF")]
    [InlineData("empty.html", "no text to quote")]
    public async Task IngestPathsAsync_UnusableFormattedFile_RejectedNamingFileNothingWritten(string name, string reason)
    {
        _fixture.Folder.WriteText("in/good.txt", "A perfectly good article. It has sentences.");
        byte[] bytes = name switch
        {
            "scan.pdf" => PdfFixtures.WithoutText(),
            "broken.pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"),
            _ => Encoding.UTF8.GetBytes("<html><head><script>x()</script></head><body><nav>Menu</nav></body></html>"),
        };
        _fixture.Folder.WriteBytes(Path.Combine("in", name), bytes);

        var error = await Assert.ThrowsAsync<RejectedSourceException>(
            () => _fixture.Ingestion.IngestPathsAsync([_fixture.Folder.Combine("in")], CancellationToken.None));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Empty(await _fixture.Store.ListDocumentsAsync(CancellationToken.None));
    }
}
