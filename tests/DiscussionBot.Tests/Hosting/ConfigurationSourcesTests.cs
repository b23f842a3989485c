using DiscussionBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Hosting;

namespace DiscussionBot.Tests.Hosting;

public sealed class ConfigurationSourcesTests
{
    [Fact]
    public void CreateBuilder_AnyEnvironment_ReadsUserSecretsBelowEnvironmentVariables()
    {
        HostApplicationBuilder builder = DiscussionBotHost.CreateBuilder(configure: null);
        IList<IConfigurationSource> sources = ((IConfigurationBuilder)builder.Configuration).Sources;

        // AddUserSecrets adds the secrets.json of the project's UserSecretsId (README: `dotnet user-secrets set ...`).
        int secrets = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "secrets.json" });
        int environment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource);
        int appSettings = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });

        Assert.InRange(secrets, appSettings + 1, environment - 1);
    }
}
