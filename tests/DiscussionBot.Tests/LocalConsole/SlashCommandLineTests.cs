using DiscussionBot.LocalConsole;

namespace DiscussionBot.Tests.LocalConsole;

public sealed class SlashCommandLineTests
{
    private static readonly Dictionary<string, string[]> Commands = new()
    {
        ["quote"] = ["query", "source", "count"],
        ["summary"] = ["source", "length"],
        ["help"] = [],
    };

    [Fact]
    public void Parse_ValueWithSpaces_RunsToNextOption()
    {
        SlashCommandLine line = Parse("/quote query:cannon fodder in Ukraine count:2");

        Assert.Equal("quote", line.CommandName);
        Assert.Equal([new("query", "cannon fodder in Ukraine"), new("count", "2")], line.Options);
    }

    [Fact]
    public void Parse_ColonInsideValue_KeptWhenNotAnOptionName()
    {
        SlashCommandLine line = Parse("/quote query:time: 10:30 and ratio 3:1 source:Kim");

        Assert.Equal([new("query", "time: 10:30 and ratio 3:1"), new("source", "Kim")], line.Options);
    }

    [Fact]
    public void Parse_OptionNameInsideWord_NotASplit()
    {
        SlashCommandLine line = Parse("/quote query:the subsource:x matters");

        Assert.Equal([new("query", "the subsource:x matters")], line.Options);
    }

    [Fact]
    public void Parse_NoOptions_Empty()
    {
        SlashCommandLine line = Parse("  /help  ");

        Assert.Equal("help", line.CommandName);
        Assert.Empty(line.Options);
    }

    [Fact]
    public void Parse_UnknownOptionName_KeptForTheBotToRefuse()
    {
        SlashCommandLine line = Parse("/summary colour:blue");

        Assert.Equal([new("colour", "blue")], line.Options);
    }

    [Fact]
    public void Parse_FreeTextBeforeOptions_KeptAsText()
    {
        SlashCommandLine line = Parse("/quote cannon fodder count:1");

        Assert.Equal([new(SlashCommandLine.FreeTextOption, "cannon fodder"), new("count", "1")], line.Options);
    }

    [Fact]
    public void Parse_UpperCaseCommandAndOption_Normalised()
    {
        SlashCommandLine line = Parse("/QUOTE Query:x");

        Assert.Equal("quote", line.CommandName);
        Assert.Equal([new("query", "x")], line.Options);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("")]
    [InlineData("/")]
    public void Parse_NotASlashCommand_Null(string text)
    {
        Assert.Null(SlashCommandLine.Parse(text, Lookup));
    }

    [Fact]
    public void Parse_EmptyValue_KeptEmpty()
    {
        SlashCommandLine line = Parse("/quote query: count:3");

        Assert.Equal([new("query", string.Empty), new("count", "3")], line.Options);
    }

    private static SlashCommandLine Parse(string text) => SlashCommandLine.Parse(text, Lookup)!;

    private static IReadOnlyCollection<string>? Lookup(string name) => Commands.TryGetValue(name, out string[]? options) ? options : null;
}
