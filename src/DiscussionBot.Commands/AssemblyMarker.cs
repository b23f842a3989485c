namespace DiscussionBot.Commands;
internal static class AssemblyMarker;
