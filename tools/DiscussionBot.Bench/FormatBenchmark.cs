using System.Globalization;
using System.Net;
using System.Text;
using DiscussionBot.Core.Ingestion;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace DiscussionBot.Benchmarks;

/// <summary>Ingesting the same documents as plain text, HTML, Markdown and PDF files: what conversion costs.</summary>
internal sealed record FormatResult(string Format, int Files, double SourceMegabytes, TimeSpan Convert, TimeSpan Ingest, int StoredCharacters)
{
    public double DocumentsPerSecond => Files / Ingest.TotalSeconds;

    public double ConvertMsPerDocument => Convert.TotalMilliseconds / Files;

    public double SourceMegabytesPerSecond => SourceMegabytes / Ingest.TotalSeconds;
}

internal static class FormatBenchmark
{
    private const int PdfCharactersPerLine = 95;
    private const int PdfLinesPerPage = 55;

    /// <summary>
    /// Writes every document in each format, then for each: converts every file alone (the reader, no store), and
    /// ingests the folder with the ingest verb's own path (read, convert, check, segment, analyse lexically, commit
    /// in batches) into a fresh store. Lexical mode, so the differences are conversion, not the encoder.
    /// </summary>
    public static async Task<IReadOnlyList<FormatResult>> RunAsync(
        IReadOnlyList<IncomingDocument> documents, string work, string seedsFolder, CancellationToken cancellationToken)
    {
        string[] formats = ["txt", "html", "md", "pdf"];
        foreach (string format in formats)
        {
            string folder = Path.Combine(work, "formats", format);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < documents.Count; i++)
            {
                string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"doc{i:00000}.{format}"));
                await File.WriteAllBytesAsync(path, Encode(format, documents[i]), cancellationToken);
            }
        }

        // One untimed pass over every format first, so no format pays for JIT compilation the others do not.
        foreach (string format in formats)
        {
            await MeasureAsync(format, Path.Combine(work, "formats", format), Path.Combine(work, $"formats-warmup-{format}.db"), seedsFolder, cancellationToken);
        }

        var results = new List<FormatResult>();
        foreach (string format in formats)
        {
            results.Add(await MeasureAsync(format, Path.Combine(work, "formats", format), Path.Combine(work, $"formats-{format}.db"), seedsFolder, cancellationToken));
        }

        return results;
    }

    private static async Task<FormatResult> MeasureAsync(string format, string folder, string storePath, string seedsFolder, CancellationToken cancellationToken)
    {
        using IHost host = BenchmarkHost.Build(storePath, seedsFolder, "Lexical");
        var reader = host.Services.GetRequiredService<SourceFileReader>();
        var ingestion = host.Services.GetRequiredService<IngestionService>();
        IReadOnlyList<SourceFile> files = SourceFileReader.ListSources([folder], folder);
        double megabytes = files.Sum(f => new FileInfo(f.Path).Length) / (1024.0 * 1024.0);

        var convert = System.Diagnostics.Stopwatch.StartNew();
        int characters = files.Sum(f => reader.Read(f).Text.Length);
        convert.Stop();

        var ingest = System.Diagnostics.Stopwatch.StartNew();
        await ingestion.IngestPathsAsync([folder], cancellationToken);
        ingest.Stop();
        SqliteConnection.ClearAllPools();
        return new FormatResult(format, files.Count, megabytes, convert.Elapsed, ingest.Elapsed, characters);
    }

    private static byte[] Encode(string format, IncomingDocument document)
    {
        string[] paragraphs = document.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return format switch
        {
            "html" => Encoding.UTF8.GetBytes(Html(document.Title, paragraphs)),
            "md" => Encoding.UTF8.GetBytes($"# {document.Title}\n\n{string.Join("\n\n", paragraphs)}\n"),
            "pdf" => Pdf(document.Title, paragraphs),
            _ => Encoding.UTF8.GetBytes($"{document.Title}\n\n{document.Text}"),
        };
    }

    /// <summary>A page shaped like a news site's: head with scripts and styles, navigation, the article, an aside, a footer.</summary>
    private static string Html(string title, IReadOnlyList<string> paragraphs)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title))
            .Append(" - News site</title><style>body{font:16px serif}</style><script>window.analytics=[];</script></head><body>")
            .Append("<header><a href=\"/\">News site</a><nav><a href=\"/world\">World</a> <a href=\"/uk\">UK</a></nav></header><main><article>")
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        foreach (string paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        html.Append("</article><aside>Most read: other stories</aside></main><footer>© News site</footer></body></html>");
        return html.ToString();
    }

    /// <summary>A text PDF in Helvetica, wrapped to fixed-width lines, paragraphs separated by an empty line.</summary>
    private static byte[] Pdf(string title, IReadOnlyList<string> paragraphs)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = WinAnsi(title);
        PdfDocumentBuilder.AddedFont font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var lines = new List<string>();
        foreach (string paragraph in paragraphs)
        {
            lines.AddRange(Wrap(WinAnsi(paragraph)));
            lines.Add(string.Empty);
        }

        foreach (string[] pageLines in lines.Chunk(PdfLinesPerPage))
        {
            PdfPageBuilder page = builder.AddPage(PageSize.A4);
            double y = 790;
            foreach (string line in pageLines)
            {
                if (line.Length > 0)
                {
                    page.AddText(line, 10, new PdfPoint(50, y), font);
                }

                y -= 13;
            }
        }

        return builder.Build();
    }

    private static IEnumerable<string> Wrap(string paragraph)
    {
        var line = new StringBuilder();
        foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > PdfCharactersPerLine)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>The standard Helvetica font covers Latin-1 only; other characters become '?' in the PDF version.</summary>
    private static string WinAnsi(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' or >= '\u00A0' and <= '\u00FF' ? c : '?'));
}
