using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DiscussionBot.Hosting;

/// <summary>
/// Validates every options record registered with ValidateOnStart, explicitly, right after the host is built. Local
/// verbs build a host but never start it, so ValidateOnStart alone would leave them to fail later, mid-verb, with an
/// unhandled exception; live mode checks here too, so every verb reports bad configuration the same way.
/// </summary>
public static class ConfigurationCheck
{
    /// <exception cref="InvalidConfigurationException">A value fails validation or cannot be read as its type.</exception>
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (OptionsValidationException ex)
        {
            throw new InvalidConfigurationException(string.Join("; ", ex.Failures), ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            throw new InvalidConfigurationException(string.Join("; ", ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)), ex);
        }
        catch (InvalidOperationException ex)
        {
            // The configuration binder's "Failed to convert configuration value ... at 'Engine:Mode' to type ...".
            throw new InvalidConfigurationException(ex.Message, ex);
        }
    }
}

/// <summary>The configuration cannot be used; the message is one line naming what is wrong.</summary>
public sealed class InvalidConfigurationException(string message, Exception innerException)
    : Exception(message.ReplaceLineEndings(" "), innerException);
