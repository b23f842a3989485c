namespace DiscussionBot.Storage.Sqlite;
internal static class AssemblyMarker;
