namespace DiscussionBot.Live;

/// <summary>The exit code live mode ends with: 0 on a clean stop (SIGTERM, Ctrl+C), 1 after a fatal error.</summary>
public sealed class LiveExit
{
    private int _code;

    public int Code => Volatile.Read(ref _code);

    public void Fail() => Volatile.Write(ref _code, 1);
}
