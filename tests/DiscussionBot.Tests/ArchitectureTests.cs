using System.Reflection;

namespace DiscussionBot.Tests;

/// <summary>Keeps the dependency direction of docs/style.md: app → {Commands, Text, Storage, Formats, Discord} → Core; Discord stands alone.</summary>
public sealed class ArchitectureTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "DiscussionBot.Core", ["DiscussionBot.Discord", "DiscussionBot.Storage.Sqlite", "DiscussionBot.Text", "DiscussionBot.Commands", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.DependencyInjection"] },
        { "DiscussionBot.Text", ["DiscussionBot.Discord", "DiscussionBot.Storage.Sqlite", "DiscussionBot.Commands", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting"] },
        { "DiscussionBot.Storage.Sqlite", ["DiscussionBot.Discord", "DiscussionBot.Text", "DiscussionBot.Commands", "Microsoft.Extensions.Hosting"] },
        { "DiscussionBot.Storage.Postgres", ["DiscussionBot.Discord", "DiscussionBot.Text", "DiscussionBot.Commands", "DiscussionBot.Storage.Sqlite", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting"] },
        { "DiscussionBot.Discord", ["DiscussionBot.Core", "DiscussionBot.Text", "DiscussionBot.Storage.Sqlite", "DiscussionBot.Commands", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting"] },
        { "DiscussionBot.Formats", ["DiscussionBot.Discord", "DiscussionBot.Storage.Sqlite", "DiscussionBot.Text", "DiscussionBot.Commands", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting"] },
        { "DiscussionBot.Commands", ["DiscussionBot.Storage.Sqlite", "DiscussionBot.Text", "Microsoft.Data.Sqlite", "Microsoft.Extensions.Hosting"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Assembly_DoesNotReferenceForbiddenLayers(string assemblyName, string[] forbidden)
    {
        Assembly assembly = Assembly.Load(assemblyName);

        string[] references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

        Assert.Empty(references.Intersect(forbidden));
    }

    [Fact]
    public void App_ShipsNoEvaluationOrBenchmarkCode()
    {
        Assembly app = Assembly.Load("DiscussionBot");

        Assert.DoesNotContain(app.GetTypes(), t => t.Namespace is "DiscussionBot.Evaluation" or "DiscussionBot.Benchmarks");
        Assert.DoesNotContain(app.GetReferencedAssemblies(), a => a.Name is "BenchmarkDotNet" or "DiscussionBot.Evaluation" or "DiscussionBot.Bench");
    }
}
