using DiscussionBot.Commands.Rendering;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Tests.Rendering;

public sealed class ResponseLimitsTests
{
    [Fact]
    public void Enforce_OversizedEverything_FitsDiscordLimits()
    {
        var bigEmbed = new Embed
        {
            Title = new string('t', 400),
            Description = new string('d', 5000),
            Footer = new EmbedFooter(new string('f', 3000)),
            Fields = Enumerable.Range(0, 30).Select(i => new EmbedField(new string('n', 300), new string('v', 2000))).ToList(),
        };
        var data = new InteractionCallbackData
        {
            Content = new string('c', 2500),
            Embeds = Enumerable.Repeat(bigEmbed, 12).ToList(),
            Components = Enumerable.Range(0, 7).Select(_ => MessageComponent.Row(
                Enumerable.Range(0, 7).Select(i => MessageComponent.Button(new string('l', 90), $"id:{i}")).ToArray())).ToList(),
            AllowedMentions = new AllowedMentions { Parse = ["everyone", "roles"] },
        };

        InteractionCallbackData fitted = ResponseLimits.Enforce(data);

        Assert.Equal(DiscordLimits.ContentLength, fitted.Content!.Length);
        Assert.Equal(DiscordLimits.EmbedsPerMessage, fitted.Embeds!.Count);
        Assert.True(fitted.Embeds.Sum(ResponseLimits.CountCharacters) <= DiscordLimits.EmbedTotalLength);
        foreach (Embed embed in fitted.Embeds)
        {
            Assert.True((embed.Title?.Length ?? 0) <= DiscordLimits.EmbedTitleLength);
            Assert.True((embed.Description?.Length ?? 0) <= DiscordLimits.EmbedDescriptionLength);
            Assert.True((embed.Fields?.Count ?? 0) <= DiscordLimits.EmbedFieldCount);
            Assert.All(embed.Fields ?? [], f => Assert.True(f.Value.Length <= DiscordLimits.EmbedFieldValueLength && f.Value.Length > 0));
        }

        Assert.Equal(DiscordLimits.ActionRowsPerMessage, fitted.Components!.Count);
        Assert.All(fitted.Components, row => Assert.Equal(DiscordLimits.ButtonsPerRow, row.Components!.Count));
        Assert.All(fitted.Components.SelectMany(r => r.Components!), b => Assert.True(b.Label!.Length <= DiscordLimits.ButtonLabelLength));
        Assert.Empty(fitted.AllowedMentions!.Parse);
    }

    [Fact]
    public void Enforce_CustomIdTooLong_ButtonDropped()
    {
        var data = new InteractionCallbackData
        {
            Components = [MessageComponent.Row(MessageComponent.Button("ok", "short"), MessageComponent.Button("bad", new string('x', 101)))],
        };

        InteractionCallbackData fitted = ResponseLimits.Enforce(data);

        Assert.Equal(["short"], fitted.Components!.Single().Components!.Select(b => b.CustomId));
    }

    [Fact]
    public void Clip_DoesNotSplitSurrogatePair()
    {
        string text = new string('a', 9) + "😀😀";

        string clipped = DiscordText.Clip(text, 11);

        Assert.True(clipped.Length <= 11);
        Assert.False(char.IsHighSurrogate(clipped[^2]) && clipped[^1] == '…');
        Assert.EndsWith(DiscordText.Ellipsis, clipped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a *bold* claim", @"a \*bold\* claim")]
    [InlineData("snake_case and `code`", @"snake\_case and \`code\`")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("> not a quote", @"\> not a quote")]
    [InlineData("spoiler ||here||", @"spoiler \|\|here\|\|")]
    [InlineData("well-known 3 - 2", "well-known 3 - 2")]
    public void EscapeMarkdown_SourceTextShowsAsWritten(string source, string escaped)
    {
        Assert.Equal(escaped, DiscordText.EscapeMarkdown(source));
    }
}
