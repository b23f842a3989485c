namespace DiscussionBot.Text;
internal static class AssemblyMarker;
