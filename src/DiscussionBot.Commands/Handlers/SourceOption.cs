using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Core.Documents;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary>The optional <c>source</c> option shared by several commands: its definition, resolution and autocomplete.</summary>
public sealed class SourceOption(IDocumentStore store)
{
    public const string Name = "source";
    public const int MaxLength = 200;

    public static ApplicationCommandOption Definition(string description) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = Name,
        Description = description,
        Autocomplete = true,
        MaxLength = MaxLength,
    };

    /// <summary>The chosen document, or null for the whole store when the option is absent.</summary>
    /// <exception cref="CommandReplyException">Several documents match: the reply lists them (with buttons where few).</exception>
    public async Task<DocumentInfo?> ResolveAsync(CommandContext context, CancellationToken cancellationToken)
    {
        string? typed = context.GetString(Name);
        DocumentScope scope = InteractionScope.Of(context.Interaction);
        IReadOnlyList<DocumentInfo> documents = await store.ListDocumentsAsync(scope, cancellationToken);
        if (documents.Count == 0)
        {
            throw new CommandInputException(scope.GuildId is null
                ? "The store has no sources yet. An operator can add some with the `ingest` command."
                : "There are no sources here yet. A moderator can add one with `/source add`.");
        }

        if (typed is null)
        {
            return null;
        }

        DocumentInfo? resolved = DocumentTitles.Resolve(documents, typed);
        if (resolved is not null)
        {
            return resolved;
        }

        var candidates = DocumentTitles.Suggest(documents, typed).ToList();
        if (candidates.Count > 1)
        {
            throw new CommandReplyException(SourceChoice.Render(context, typed, candidates));
        }

        throw new CommandInputException(
            $"No source matches “{DiscordText.EscapeMarkdown(DiscordText.Clip(typed, 80))}”. Use `/sources` to see the sources I have.");
    }

    /// <summary>Resolution for autocomplete, where a half-typed or unknown source is not an error.</summary>
    public async Task<DocumentInfo?> ResolveOrNullAsync(string typed, DocumentScope scope, CancellationToken cancellationToken) =>
        DocumentTitles.Resolve(await store.ListDocumentsAsync(scope, cancellationToken), typed);

    /// <summary>Autocomplete for a command whose only autocompleted option is <c>source</c>.</summary>
    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(
        CommandContext context, string optionName, string typed, CancellationToken cancellationToken) =>
        optionName == Name
            ? SuggestAsync(typed, InteractionScope.Of(context.Interaction), cancellationToken)
            : Task.FromResult<IReadOnlyList<ApplicationCommandOptionChoice>>([]);

    /// <summary>Titles of the documents visible in <paramref name="scope"/> that match what is being typed.</summary>
    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> SuggestAsync(string typed, DocumentScope scope, CancellationToken cancellationToken) =>
        Choices(DocumentTitles.Suggest(await store.ListDocumentsAsync(scope, cancellationToken), typed));

    /// <summary>Autocomplete choices for documents: the title, whose value is the title itself or, when too long, the id.</summary>
    public static IReadOnlyList<ApplicationCommandOptionChoice> Choices(IEnumerable<DocumentInfo> documents)
    {
        return documents
            .Take(DiscordLimits.Choices)
            .Select(d => new ApplicationCommandOptionChoice(d.Title, d.Title.Length <= DiscordLimits.ChoiceLength ? d.Title : d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
    }
}
