using DiscussionBot.Cli;

namespace DiscussionBot.Tests.Cli;

public sealed class CliUsageTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("ask", "--help")]
    [InlineData("ingest", "--help")]
    [InlineData("sources", "--help")]
    [InlineData("console", "--help")]
    [InlineData("run", "--help")]
    public async Task RunAsync_Help_PrintsUsageAndSucceeds(params string[] args)
    {
        var output = new StringWriter();

        int exit = await CliApplication.RunAsync(args, TextReader.Null, output, new StringWriter());

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Usage", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownVerb_UsageErrorOnStderr()
    {
        var error = new StringWriter();

        int exit = await CliApplication.RunAsync(["frobnicate"], TextReader.Null, new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("Unknown verb 'frobnicate'", error.ToString(), StringComparison.Ordinal);
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("bench")]
    public async Task RunAsync_DeveloperToolVerbs_AreNotPartOfTheApp(string verb)
    {
        var error = new StringWriter();

        int exit = await CliApplication.RunAsync([verb, "--help"], TextReader.Null, new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains($"Unknown verb '{verb}'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IngestWithoutPaths_UsageError()
    {
        var error = new StringWriter();

        int exit = await CliApplication.RunAsync(["ingest"], TextReader.Null, new StringWriter(), error);

        Assert.Equal(ExitCodes.Usage, exit);
    }
}
