using DiscussionBot.Commands.Pipeline;
using DiscussionBot.Commands.Rendering;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.Commands.Handlers;

/// <summary><c>/help</c>: what each command does, with an example, and which engine mode answers.</summary>
public sealed class HelpCommand(IEngineDescription engine) : ICommandHandler
{
    public bool RepliesPrivately => true;

    public ApplicationCommand Definition { get; } = new()
    {
        Name = "help",
        Description = "What I can do, with examples",
    };

    public Task<InteractionResponse> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        (string Command, string What)[] commands =
        [
            ("summary", "A summary of one source or of all sources, in sentences quoted verbatim, each with its paragraph (¶). `length` is short, medium or long."),
            ("themes", "The themes the sources discuss, with key terms and how much of the text each takes."),
            ("theme", "One theme explained: its key terms and the sentences that carry it."),
            ("quote", "Passages that answer your question, word for word with their citation, or a plain “not in the sources”."),
            ("sources", "The documents I answer from: the operator's, plus this server's own."),
            ("source", "Moderators: add a document to this server's sources (text, Markdown, HTML or PDF), or remove one. " +
                       "Other servers and DMs never see it. A message's ⋯ menu → Apps → **Add to sources** adds that message."),
            ("pin-summary", "Moderators: post a summary and pin it in this channel."),
        ];
        var embed = new Embed
        {
            Title = "DiscussionBot",
            Description = "I answer from a fixed set of source documents. Every sentence I show as a source's is quoted word for word, " +
                          "with its source and paragraph; I never make text up, and I say so when the sources don't cover something.",
            Color = Responses.AccentColor,
            Fields = commands.Select(c => new EmbedField($"/{c.Command}", $"{c.What}\nExample: {CommandExamples.For(c.Command)}")).ToList(),
            Footer = new EmbedFooter($"Answer engine: {engine.Mode}. {engine.Details}"),
        };
        return Task.FromResult(Responses.Message(embed, ephemeral: true));
    }
}

/// <summary>Tells /help (and the logs) which engine mode answers, e.g. lexical-only or with embeddings.</summary>
public interface IEngineDescription
{
    string Mode { get; }

    string Details { get; }
}
