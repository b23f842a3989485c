using System.Text.Json;
using DiscussionBot.Cli;
using DiscussionBot.TestKit;

namespace DiscussionBot.Tests.Cli;

public sealed class AskVerbTests : IDisposable
{
    private readonly AppFixture _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/summary")]
    [InlineData("/summary length:long")]
    [InlineData("/summary source:Kim Jong Un length:medium")]
    [InlineData("/themes")]
    [InlineData("/themes source:Kim Jong Un")]
    [InlineData("/theme name:propaganda")]
    [InlineData("/quote query:cannon fodder count:2")]
    [InlineData("/sources")]
    [InlineData("/help")]
    [InlineData("/pin-summary")]
    [InlineData("/pins")]
    public async Task Ask_Json_EveryCommandAnswersWithinDiscordLimits(string command)
    {
        (int exit, string output, string error) = await _app.RunAsync("ask", command, "--json");

        Assert.Equal(ExitCodes.Success, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement data = json.RootElement;
        Assert.Equal(0, data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(data.TryGetProperty("type", out _), "--json prints only the data object");
        int embedCharacters = 0;
        foreach (JsonElement embed in data.TryGetProperty("embeds", out JsonElement embeds) ? embeds.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            embedCharacters += Length(embed, "title") + Length(embed, "description");
            if (embed.TryGetProperty("fields", out JsonElement fields))
            {
                Assert.True(fields.GetArrayLength() <= 25);
                embedCharacters += fields.EnumerateArray().Sum(f => Length(f, "name") + Length(f, "value"));
            }
        }

        Assert.True(embedCharacters <= 6000);
        Assert.True(Length(data, "content") <= 2000);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Summary_EverySentenceIsVerbatimFromTheSeed()
    {
        (_, string output, _) = await _app.RunAsync("ask", "/summary length:long", "--json");

        using JsonDocument json = JsonDocument.Parse(output);
        string description = json.RootElement.GetProperty("embeds")[0].GetProperty("description").GetString()!;
        string[] blocks = description.Split("\n\n");
        Assert.Equal("The store holds 1 source; this summary draws on it.", blocks[0]);
        string[] sentences = blocks[1..];
        Assert.InRange(sentences.Length, 3, 12);
        foreach (string line in sentences)
        {
            string sentence = line[..line.LastIndexOf(" *(", StringComparison.Ordinal)].Replace("\\", string.Empty, StringComparison.Ordinal);
            Assert.Contains(sentence, SeedDocuments.KimText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ask_QuoteCannonFodder_FindsTheSentenceWithItsParagraph()
    {
        (_, string output, _) = await _app.RunAsync("ask", "/quote query:cannon fodder");

        Assert.Contains("simply cannon fodder.", output, StringComparison.Ordinal);
        Assert.Contains("¶5", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/frobnicate", "don't know the command")]
    [InlineData("/quote", "needs the `query` option")]
    [InlineData("/quote colour:red", "has no option `colour`")]
    [InlineData("/summary source:The Times", "No source matches")]
    [InlineData("/quote query:\" OR 1=1; DROP TABLE documents; --", "Not in the sources")]
    [InlineData("/quote query:NEAR(a b) AND text:* ^x", "Not in the sources")]
    [InlineData("/theme name:gardening", "No theme called")]
    public async Task Ask_BadInput_PoliteAnswerExitZeroStoreUnchanged(string command, string expected)
    {
        (_, string before, _) = await _app.RunAsync("sources");

        (int exit, string output, string error) = await _app.RunAsync("ask", command);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Empty(error);
        (_, string after, _) = await _app.RunAsync("sources");
        Assert.Contains(SeedDocuments.KimTitle, after, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Ask_NotASlashCommand_UsageExitTwo()
    {
        (int exit, _, string error) = await _app.RunAsync("ask", "hello there");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("Usage error:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_StoreIsNotADatabase_ExitOneWithOneLine()
    {
        _app.Settings["Store:Path"] = _app.Folder.WriteText("bad.db", new string('x', 4096));

        (int exit, _, string error) = await _app.RunAsync("ask", "/help");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("cannot be used", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_FirstRunBuildsStoreThenReusesIt()
    {
        (_, _, string first) = await _app.RunAsync("ask", "/sources");
        (_, _, string second) = await _app.RunAsync("ask", "/sources");

        Assert.Contains("Built the store from seeds/: added 1", first, StringComparison.Ordinal);
        Assert.Empty(second);
    }

    private static int Length(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Length : 0;
}
