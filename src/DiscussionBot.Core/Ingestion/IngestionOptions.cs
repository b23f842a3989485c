using System.ComponentModel.DataAnnotations;

namespace DiscussionBot.Core.Ingestion;

/// <summary>How ingestion commits its work. Bound from the <c>Ingestion</c> configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>
    /// Documents segmented, analysed and committed together. A crash loses at most this many documents' work;
    /// larger batches keep the sentence encoder busier.
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 64;
}
