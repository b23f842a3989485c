using System.Text.Json;
using BenchmarkDotNet.Attributes;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.MicroBenchmarks;

/// <summary>The wire ends of the pipeline: an interaction in, a response with a full embed out.</summary>
[MemoryDiagnoser]
public class InteractionJsonBenchmarks
{
    private const string InteractionJson = """
        {"id":"786008729715212338","application_id":"775799577604522054","type":2,
         "data":{"id":"771825006014889984","name":"quote","type":1,
                 "options":[{"name":"query","type":3,"value":"why were troops sent abroad"},{"name":"count","type":4,"value":3}]},
         "guild_id":"290926798626357999","channel_id":"645027906669510667",
         "member":{"user":{"id":"53908232506183680","username":"Mason"},"permissions":"2147483647"},
         "token":"A_UNIQUE_TOKEN","version":1,"app_permissions":"2251799813801984","locale":"en-US"}
        """;

    private InteractionResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        var fields = Enumerable.Range(1, 10)
            .Select(i => new EmbedField($"{i}. Some source title, ¶{i}", "> " + string.Concat(Enumerable.Repeat("A verbatim sentence from the source. ", 8))))
            .ToList();
        _response = new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, new InteractionCallbackData
        {
            Embeds = [new Embed { Title = "Passages for “why were troops sent abroad”", Fields = fields, Color = 0x5865F2 }],
            AllowedMentions = AllowedMentions.None,
        });
    }

    [Benchmark]
    public Interaction DeserializeInteraction() => JsonSerializer.Deserialize(InteractionJson, DiscordJsonContext.Default.Interaction)!;

    [Benchmark]
    public string SerializeResponse() => JsonSerializer.Serialize(_response, DiscordJsonContext.Default.InteractionResponse);
}
