namespace DiscussionBot.Commands.Pipeline;

/// <summary>One example invocation per command, used in /help and in error messages.</summary>
public static class CommandExamples
{
    public static string For(string command) => command switch
    {
        "summary" => "`/summary length:short`",
        "themes" => "`/themes`",
        "theme" => "`/theme name:propaganda`",
        "quote" => "`/quote query:cannon fodder count:3`",
        "sources" => "`/sources`",
        "pin-summary" => "`/pin-summary length:short`",
        "source" => "`/source add file:` (attach a .txt, .md, .html or .pdf), `/source remove source:Weekly report`",
        _ => "`/help`",
    };
}
