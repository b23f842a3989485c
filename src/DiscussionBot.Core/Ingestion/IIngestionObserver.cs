namespace DiscussionBot.Core.Ingestion;

/// <summary>Where an ingestion came from, for metrics: the operator's files (the ingest verb, start-up seeding) or a server's <c>/source add</c>.</summary>
public enum IngestionOrigin
{
    Files,
    Server,
}

/// <summary>
/// Told what each ingestion did (the app counts it in its metrics). Called once per
/// <see cref="IngestionService"/> call, after it committed or refused; never on the write path's hot loop.
/// </summary>
public interface IIngestionObserver
{
    /// <summary>A call that committed (or found nothing to do): its report and how long it took.</summary>
    void Completed(IngestionOrigin origin, IngestionReport report, TimeSpan duration);

    /// <summary>A call that wrote nothing because sources were refused: unreadable files, or a server over its limits.</summary>
    /// <param name="reason">"unreadable" or "limit".</param>
    void Rejected(IngestionOrigin origin, int documents, string reason);
}
