using System.Text;

namespace DiscussionBot.LocalConsole;

/// <summary>Reads one key at a time without echoing it; a seam so the editor can be tested with scripted keys.</summary>
public interface IKeyReader
{
    ConsoleKeyInfo ReadKey();
}

/// <summary>The real terminal. Ctrl+C is read as a key while a line is edited, so it cancels the line instead of the program.</summary>
public sealed class SystemConsoleKeys : IKeyReader
{
    public ConsoleKeyInfo ReadKey()
    {
        bool previous = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return Console.ReadKey(intercept: true);
        }
        finally
        {
            // While a command runs, Ctrl+C goes back to ending the program cleanly.
            Console.TreatControlCAsInput = previous;
        }
    }
}

/// <summary>
/// A prompt with line editing (arrows, Home/End, Backspace/Delete, Ctrl+A/E/B/F, Ctrl+U/K/W) and history
/// (Up/Down, Ctrl+P/N). Ctrl+C cancels the line being typed; a second Ctrl+C in a row, or Ctrl+D on an empty
/// line, leaves. The line is redrawn with ANSI escapes after every change.
/// </summary>
public sealed class TerminalLineEditor(IKeyReader keys, TextWriter output, string prompt = "> ") : ILineSource
{
    /// <summary>History keeps the most recent lines only (eviction: oldest first).</summary>
    public const int MaxHistory = 500;

    private readonly List<string> _history = [];
    private bool _interruptPending;

    public IReadOnlyList<string> History => _history;

    public Task<string?> ReadLineAsync(CancellationToken cancellationToken) => Task.FromResult(ReadLine());

    public string? ReadLine()
    {
        var line = new EditedLine();
        int historyIndex = _history.Count;
        string draft = string.Empty;
        Redraw(line);
        while (true)
        {
            ConsoleKeyInfo key = keys.ReadKey();
            bool control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
            if ((control && key.Key == ConsoleKey.C) || key.KeyChar == '\u0003')
            {
                output.WriteLine("^C");
                if (_interruptPending)
                {
                    return null;
                }

                _interruptPending = true;
                output.WriteLine("(line cancelled: Ctrl+C again or Ctrl+D leaves)");
                return string.Empty;
            }

            _interruptPending = false;
            if ((control && key.Key == ConsoleKey.D) || key.KeyChar == '\u0004')
            {
                if (line.Text.Length == 0)
                {
                    output.WriteLine();
                    return null;
                }

                line.DeleteForward();
            }
            else if (key.Key == ConsoleKey.Enter)
            {
                output.WriteLine();
                Remember(line.Text);
                return line.Text;
            }
            else if (key.Key is ConsoleKey.UpArrow || (control && key.Key == ConsoleKey.P))
            {
                if (historyIndex > 0)
                {
                    if (historyIndex == _history.Count)
                    {
                        draft = line.Text;
                    }

                    line.Replace(_history[--historyIndex]);
                }
            }
            else if (key.Key is ConsoleKey.DownArrow || (control && key.Key == ConsoleKey.N))
            {
                if (historyIndex < _history.Count)
                {
                    historyIndex++;
                    line.Replace(historyIndex == _history.Count ? draft : _history[historyIndex]);
                }
            }
            else
            {
                Edit(line, key, control);
            }

            Redraw(line);
        }
    }

    private static void Edit(EditedLine line, ConsoleKeyInfo key, bool control)
    {
        switch (key.Key)
        {
            case ConsoleKey.Backspace:
                line.DeleteBackward();
                break;
            case ConsoleKey.Delete:
                line.DeleteForward();
                break;
            case ConsoleKey.LeftArrow:
            case ConsoleKey.B when control:
                line.Move(-1);
                break;
            case ConsoleKey.RightArrow:
            case ConsoleKey.F when control:
                line.Move(1);
                break;
            case ConsoleKey.Home:
            case ConsoleKey.A when control:
                line.Move(-line.Text.Length);
                break;
            case ConsoleKey.End:
            case ConsoleKey.E when control:
                line.Move(line.Text.Length);
                break;
            case ConsoleKey.U when control:
                line.DeleteToStart();
                break;
            case ConsoleKey.K when control:
                line.DeleteToEnd();
                break;
            case ConsoleKey.W when control:
                line.DeleteWordBackward();
                break;
            default:
                // Other control keys (Ctrl+U's raw \u0015 and the like) never reach the line as invisible characters.
                if (!control && !char.IsControl(key.KeyChar) && key.KeyChar != '\0')
                {
                    line.Insert(key.KeyChar);
                }

                break;
        }
    }

    private void Remember(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || (_history.Count > 0 && _history[^1] == text))
        {
            return;
        }

        _history.Add(text);
        if (_history.Count > MaxHistory)
        {
            _history.RemoveAt(0);
        }
    }

    private void Redraw(EditedLine line)
    {
        // Back to the line start, prompt and text, clear what an earlier longer text left, cursor back into place.
        output.Write($"\r{prompt}{line.Text}\u001b[K");
        int behind = line.Text.Length - line.Cursor;
        if (behind > 0)
        {
            output.Write($"\u001b[{behind}D");
        }

        output.Flush();
    }

    private sealed class EditedLine
    {
        private readonly StringBuilder _text = new();

        public int Cursor { get; private set; }

        public string Text => _text.ToString();

        public void Insert(char c)
        {
            _text.Insert(Cursor, c);
            Cursor++;
        }

        public void Move(int delta) => Cursor = Math.Clamp(Cursor + delta, 0, _text.Length);

        public void DeleteBackward()
        {
            if (Cursor > 0)
            {
                _text.Remove(--Cursor, 1);
            }
        }

        public void DeleteForward()
        {
            if (Cursor < _text.Length)
            {
                _text.Remove(Cursor, 1);
            }
        }

        public void DeleteToStart()
        {
            _text.Remove(0, Cursor);
            Cursor = 0;
        }

        public void DeleteToEnd() => _text.Remove(Cursor, _text.Length - Cursor);

        public void DeleteWordBackward()
        {
            int start = Cursor;
            while (start > 0 && _text[start - 1] == ' ')
            {
                start--;
            }

            while (start > 0 && _text[start - 1] != ' ')
            {
                start--;
            }

            _text.Remove(start, Cursor - start);
            Cursor = start;
        }

        public void Replace(string text)
        {
            _text.Clear().Append(text);
            Cursor = text.Length;
        }
    }
}
