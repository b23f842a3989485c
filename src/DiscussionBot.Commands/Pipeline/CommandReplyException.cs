using DiscussionBot.Commands.Rendering;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Pipeline;

/// <summary>
/// Ends a command early with a prepared reply, such as a choice the member must make before the command can
/// answer (several sources match what they typed). The router sends <see cref="Response"/> as it is.
/// </summary>
public sealed class CommandReplyException : Exception
{
    public CommandReplyException()
        : this(Responses.Ephemeral(string.Empty))
    {
    }

    public CommandReplyException(InteractionResponse response)
        : base("The command replied early.")
    {
        Response = response;
    }

    public CommandReplyException(string message)
        : base(message)
    {
        Response = Responses.Ephemeral(message);
    }

    public CommandReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
        Response = Responses.Ephemeral(message);
    }

    public InteractionResponse Response { get; }
}
