using DiscussionBot.Discord.Models;

namespace DiscussionBot.Discord.Gateway;

/// <summary>What survives a reconnect: session id, resume URL and last sequence.</summary>
internal sealed class GatewaySession
{
    private const long NoSequence = -1;
    private long _lastSequence = NoSequence;

    public string? SessionId { get; private set; }

    public Uri? ResumeGatewayUrl { get; private set; }

    public Snowflake? ApplicationId { get; private set; }

    public bool CanResume => SessionId is not null && ResumeGatewayUrl is not null;

    /// <summary>The last sequence number received, or null before the first dispatch.</summary>
    public long? LastSequence
    {
        get
        {
            long value = Interlocked.Read(ref _lastSequence);
            return value == NoSequence ? null : value;
        }
    }

    public void ObserveSequence(long? sequence)
    {
        if (sequence is { } s)
        {
            Interlocked.Exchange(ref _lastSequence, s);
        }
    }

    public void Start(string sessionId, Uri? resumeGatewayUrl, Snowflake? applicationId)
    {
        SessionId = sessionId;
        ResumeGatewayUrl = resumeGatewayUrl;
        ApplicationId = applicationId ?? ApplicationId;
    }

    public void Clear()
    {
        SessionId = null;
        ResumeGatewayUrl = null;
        Interlocked.Exchange(ref _lastSequence, NoSequence);
    }
}
