using DiscussionBot.Core.Ingestion;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiscussionBot.Formats;

public static class FormatsServiceCollectionExtensions
{
    /// <summary>Registers the HTML, Markdown and PDF converters that <see cref="SourceFileReader"/> uses by file extension.</summary>
    public static IServiceCollection AddSourceFormats(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceFormat, HtmlFormat>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceFormat, MarkdownFormat>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISourceFormat, PdfFormat>());
        return services;
    }

    /// <summary>Every format, for code that builds a reader without a container (tools, tests).</summary>
    public static IReadOnlyList<ISourceFormat> All() => [new HtmlFormat(), new MarkdownFormat(), new PdfFormat()];
}
