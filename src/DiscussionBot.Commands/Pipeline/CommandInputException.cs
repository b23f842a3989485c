namespace DiscussionBot.Commands.Pipeline;

/// <summary>
/// The member's input cannot be used. The message is written for the member and is shown to them
/// as an ephemeral reply; nothing else happens.
/// </summary>
public sealed class CommandInputException : Exception
{
    public CommandInputException()
    {
    }

    public CommandInputException(string message)
        : base(message)
    {
    }

    public CommandInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
