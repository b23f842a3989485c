namespace DiscussionBot.Cli;

public static class ExitCodes
{
    /// <summary>The bot answered (including "nothing found" and polite refusals), or the verb did its work.</summary>
    public const int Success = 0;

    /// <summary>The store cannot be used, a source was rejected, or the host failed (e.g. Discord rejected the token).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong.</summary>
    public const int Usage = 2;
}
