using System.Globalization;
using DiscussionBot.Commands.Pipeline;

namespace DiscussionBot.Commands.Handlers;

/// <summary>The scope part of a button's custom id: a document id, or "all" for the whole store.</summary>
public static class ButtonScope
{
    public const string All = "all";

    public static string Format(long? documentId) => documentId?.ToString(CultureInfo.InvariantCulture) ?? All;

    /// <exception cref="CommandInputException">The id is not one this version writes.</exception>
    public static long? Parse(string value, string command) =>
        value == All
            ? null
            : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
                ? id
                : throw Outdated(command);

    public static CommandInputException Outdated(string command) =>
        new($"That button is from an older version of me. Run `/{command}` again.");
}
