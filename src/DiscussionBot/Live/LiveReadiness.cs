namespace DiscussionBot.Live;

/// <summary>Whether start-up (seeding, warm-up, registration) has finished, so interactions can be answered.</summary>
public sealed class LiveReadiness
{
    private volatile bool _startupComplete;

    public bool StartupComplete => _startupComplete;

    public void MarkStartupComplete() => _startupComplete = true;
}
