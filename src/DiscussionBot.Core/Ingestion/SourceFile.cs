namespace DiscussionBot.Core.Ingestion;

/// <summary>A file to ingest and the key its document is stored under.</summary>
/// <param name="Key">
/// The path relative to the folder given to <c>ingest</c> (with <c>/</c> separators), so two files with one
/// name in different folders are two documents; for a file given by itself, its path relative to the working
/// folder, or its full path when it lies outside it.
/// </param>
public sealed record SourceFile(string Path, string Key);
