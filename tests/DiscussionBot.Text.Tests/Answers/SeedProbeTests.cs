using DiscussionBot.Core.Answers;
using Xunit.Abstractions;

namespace DiscussionBot.Text.Tests.Answers;

public sealed class SeedProbeTests(ITestOutputHelper output, MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    [Fact]
    public async Task Probe_Seed_PrintsAnswers()
    {
        foreach (TestEngine engine in new[] { TestEngine.Lexical(), TestEngine.WithEmbeddings(fixture.Embedder) })
        {
            long id = await engine.AddSeedAsync();
            output.WriteLine($"==== {engine.Options.Value.Mode}");
            foreach (SummaryLength length in Enum.GetValues<SummaryLength>())
            {
                Summary s = await engine.Summaries.SummarizeAsync(new SummaryRequest(id, length), CancellationToken.None);
                output.WriteLine($"-- summary {length}: " + string.Join(" | ", s.Sentences.Select(x => $"{x.Citation.ParagraphMark} {x.Text}")));
            }

            foreach (Theme t in await engine.Themes.FindThemesAsync(id, CancellationToken.None))
            {
                output.WriteLine($"-- theme {t.Label} [{string.Join(", ", t.KeyTerms)}] {t.Share:F2}: {t.Sentences[0].Citation.ParagraphMark} {t.Sentences[0].Text}");
            }

            foreach (string q in new[] { "cannon fodder", "expensive jewelry", "propaganda", "weather in Paris", "economic aspect of sending troops", "football results" })
            {
                QuoteResult r = await engine.Quotes.FindQuotesAsync(new QuoteRequest(q, null, 3), CancellationToken.None);
                output.WriteLine($"-- quote '{q}': " + string.Join(" | ", r.Matches.Select(m => $"{m.Score:F3} {m.Sentence.Citation.ParagraphMark} {m.Sentence.Text}")));
            }
        }
    }
}
