using DiscussionBot.Cli;

namespace DiscussionBot.Tests.Cli;

/// <summary>Bad configuration: one line on stderr and exit code 1, whatever the verb, before anything runs.</summary>
public sealed class ConfigurationErrorTests
{
    public static TheoryData<string, string, string, string> BadKeyForEveryVerb()
    {
        (string Key, string Value, string Named)[] badKeys =
        [
            ("Commands:CooldownBurst", "5000", "CooldownBurst"),
            ("Engine:Mode", "Bogus", "Engine:Mode"),
            ("Engine:EmbeddingBatchSize", "0", "EmbeddingBatchSize"),
            ("Store:BusyTimeoutSeconds", "0", "BusyTimeoutSeconds"),
        ];
        var data = new TheoryData<string, string, string, string>();
        foreach ((string key, string value, string named) in badKeys)
        {
            foreach (string verb in new[] { "run", "run-live", "console", "ask", "ingest", "sources" })
            {
                data.Add(verb, key, value, named);
            }
        }

        data.Add("run-live", "Live:DeferAfterMilliseconds", "10", "DeferAfterMilliseconds");
        data.Add("run-live", "Live:MaxConcurrentInteractions", "0", "MaxConcurrentInteractions");
        data.Add("run-live", "Discord:ShardCount", "0", "ShardCount");
        data.Add("run-live", "Discord:Mode", "Bogus", "Discord:Mode");
        data.Add("run-live", "Discord:Mode", "Http", "Discord:PublicKey");
        data.Add("run-live", "Http:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes");
        return data;
    }

    [Theory]
    [MemberData(nameof(BadKeyForEveryVerb))]
    public async Task RunAsync_BadConfigurationKey_OneLineOnStderrExitOne(string verb, string key, string value, string named)
    {
        using var app = new AppFixture();
        app.Settings[key] = value;
        string[] args = verb switch
        {
            "run-live" => ["run"],
            "ask" => ["ask", "/help"],
            "ingest" => ["ingest", app.SeedsPath],
            _ => [verb],
        };
        if (verb == "run-live")
        {
            // Live mode, pointed nowhere: the check must stop it before it connects.
            app.Settings["Discord:Token"] = "config-test-token";
            app.Settings["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10";
        }

        (int exit, string output, string error) = await app.RunAsync(args);

        Assert.Equal(ExitCodes.Failure, exit);
        string[] lines = error.TrimEnd().Split('\n');
        string line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("config-test-token", error, StringComparison.Ordinal);
        Assert.Empty(output);
        Assert.False(File.Exists(app.StorePath), "nothing runs before the configuration is checked");
    }
}
