using System.Globalization;
using DiscussionBot.Discord.Models;

namespace DiscussionBot.LocalConsole;

/// <summary>
/// The console's conversation: each line is a slash command, or the number of a button on the latest answer
/// that had buttons, which is then pressed as a click on Discord would (an updated message replaces it).
/// </summary>
public sealed class ConsoleSession(LocalCommandRunner runner, TextWriter output)
{
    private InteractionCallbackData? _withButtons;

    public async Task RunAsync(ILineSource lines, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string? line = await lines.ReadLineAsync(cancellationToken);
            if (line is null || line.Trim() is "/exit" or "/quit")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await output.WriteLineAsync(await AnswerAsync(line.Trim(), cancellationToken));
            await output.WriteLineAsync();
        }
    }

    private async Task<string> AnswerAsync(string line, CancellationToken cancellationToken)
    {
        InteractionResponse? response;
        if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            IReadOnlyList<string> buttons = ResponseTextRenderer.PressableButtons(_withButtons);
            if (number < 1 || number > buttons.Count)
            {
                return buttons.Count == 0
                    ? "There are no buttons to press. Type a slash command such as /help."
                    : $"Type a button's number, 1 to {buttons.Count}, to press it.";
            }

            response = await runner.PressAsync(buttons[number - 1], _withButtons!, cancellationToken);
        }
        else
        {
            response = await runner.RunAsync(line, cancellationToken);
        }

        if (response is null)
        {
            return LocalCommandRunner.NotACommandHint;
        }

        // Numbers refer to the latest answer with buttons; an update replaces the message they were on.
        if (response.Data?.Components is { Count: > 0 } || response.Type == InteractionCallbackType.UpdateMessage)
        {
            _withButtons = response.Data;
        }

        return ResponseTextRenderer.ToText(response);
    }
}
