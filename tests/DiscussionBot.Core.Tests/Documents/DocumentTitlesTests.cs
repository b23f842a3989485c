using DiscussionBot.Core.Documents;

namespace DiscussionBot.Core.Tests.Documents;

public sealed class DocumentTitlesTests
{
    private static readonly DocumentInfo[] Documents =
    [
        Doc(1, "Kim Jong Un publicly mourns troops", "kim.txt"),
        Doc(2, "Grain prices rise in Ukraine", "grain.txt"),
        Doc(3, "Ukraine grain corridor reopens", "corridor.txt"),
    ];

    [Theory]
    [InlineData("Kim Jong Un publicly mourns troops", 1L)]
    [InlineData("kim jong un PUBLICLY mourns troops", 1L)]
    [InlineData("grain.txt", 2L)]
    [InlineData("3", 3L)]
    [InlineData("mourns", 1L)]
    [InlineData("corridor", 3L)]
    public void Resolve_Unambiguous_FindsDocument(string typed, long expected)
    {
        Assert.Equal(expected, DocumentTitles.Resolve(Documents, typed)?.Id);
    }

    [Theory]
    [InlineData("grain")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("The Times")]
    public void Resolve_AmbiguousOrUnknown_Null(string typed)
    {
        Assert.Null(DocumentTitles.Resolve(Documents, typed));
    }

    [Fact]
    public void Suggest_PrefixBeforeWordStartBeforeInside()
    {
        DocumentInfo[] docs = [Doc(1, "Ukraine grain", "a"), Doc(2, "Grain news", "b"), Doc(3, "Migraine study", "c")];

        Assert.Equal([2L, 1L, 3L], DocumentTitles.Suggest(docs, "grain").Select(d => d.Id));
    }

    private static DocumentInfo Doc(long id, string title, string source) =>
        new(id, source, title, "hash", 100, 1, 1, DateTimeOffset.UnixEpoch);
}
