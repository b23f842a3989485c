using DiscussionBot.Core.Answers;

namespace DiscussionBot.Core.Tests.Documents;

public sealed class ThemeLookupTests
{
    private static readonly Theme[] Themes =
    [
        new("Propaganda", ["propaganda", "regime’s image"], 0.3, []),
        new("Expendability", ["cannon fodder", "expendability"], 0.2, []),
        new("Performative grief", ["performance", "show"], 0.1, []),
    ];

    [Theory]
    [InlineData("propaganda", "Propaganda")]
    [InlineData("grief", "Performative grief")]
    [InlineData("cannon fodder", "Expendability")]
    [InlineData("fodder", "Expendability")]
    public void Find_ByLabelOrKeyTerm(string typed, string expected)
    {
        Assert.Equal(expected, ThemeLookup.Find(Themes, typed)?.Label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("gardening")]
    public void Find_Unknown_Null(string typed)
    {
        Assert.Null(ThemeLookup.Find(Themes, typed));
    }
}
