using DiscussionBot.LocalConsole;

namespace DiscussionBot.Tests.LocalConsole;

public sealed class TerminalLineEditorTests
{
    private readonly ScriptedKeys _keys = new();
    private readonly StringWriter _screen = new();
    private readonly TerminalLineEditor _editor;

    public TerminalLineEditorTests() => _editor = new TerminalLineEditor(_keys, _screen);

    [Fact]
    public void ReadLine_TypedText_ReturnedOnEnter()
    {
        _keys.Type("/help").Press(ConsoleKey.Enter);

        Assert.Equal("/help", _editor.ReadLine());
    }

    [Fact]
    public void ReadLine_ArrowsHomeEndAndDeletion_EditInPlace()
    {
        _keys.Type("abd").Press(ConsoleKey.LeftArrow).Type("c").Press(ConsoleKey.Home).Press(ConsoleKey.Delete)
            .Press(ConsoleKey.End).Press(ConsoleKey.Backspace).Type("e").Press(ConsoleKey.Enter);

        Assert.Equal("bce", _editor.ReadLine());
    }

    [Fact]
    public void ReadLine_CtrlUClearsBeforeCursorCtrlKAfterCtrlWOneWord_NoInvisibleCharacters()
    {
        _keys.Type("junk").Control(ConsoleKey.U).Type("/quote cannon fodder").Control(ConsoleKey.W)
            .Type("troops extra").Control(ConsoleKey.A).Control(ConsoleKey.F).Control(ConsoleKey.E)
            .Press(ConsoleKey.LeftArrow, 6).Control(ConsoleKey.K).Press(ConsoleKey.Enter);

        Assert.Equal("/quote cannon troops", _editor.ReadLine());
    }

    [Fact]
    public void ReadLine_UpAndDown_WalkHistoryAndBackToTheDraft()
    {
        _keys.Type("/sources").Press(ConsoleKey.Enter).Type("/help").Press(ConsoleKey.Enter)
            .Type("dra").Press(ConsoleKey.UpArrow).Press(ConsoleKey.UpArrow).Press(ConsoleKey.Enter)
            .Press(ConsoleKey.UpArrow).Press(ConsoleKey.DownArrow).Press(ConsoleKey.Enter);

        _editor.ReadLine();
        _editor.ReadLine();

        Assert.Equal("/sources", _editor.ReadLine());
        Assert.Equal(string.Empty, _editor.ReadLine());
        Assert.Equal(["/sources", "/help", "/sources"], _editor.History);
    }

    [Fact]
    public void ReadLine_CtrlC_CancelsTheLineThenASecondCtrlCLeaves()
    {
        _keys.Type("/quote half typed").Control(ConsoleKey.C).Control(ConsoleKey.C);

        Assert.Equal(string.Empty, _editor.ReadLine());
        Assert.Null(_editor.ReadLine());
        Assert.Contains("^C", _screen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLine_CtrlCThenTyping_DoesNotLeave()
    {
        _keys.Control(ConsoleKey.C).Type("/help").Press(ConsoleKey.Enter);

        Assert.Equal(string.Empty, _editor.ReadLine());
        Assert.Equal("/help", _editor.ReadLine());
    }

    [Fact]
    public void ReadLine_CtrlDOnEmptyLine_Leaves()
    {
        _keys.Control(ConsoleKey.D);

        Assert.Null(_editor.ReadLine());
    }

    [Fact]
    public void ReadLine_History_KeepsOnlyTheMostRecentLines()
    {
        for (int i = 0; i <= TerminalLineEditor.MaxHistory; i++)
        {
            _keys.Type($"/quote {i}").Press(ConsoleKey.Enter);
            _editor.ReadLine();
        }

        Assert.Equal(TerminalLineEditor.MaxHistory, _editor.History.Count);
        Assert.Equal("/quote 1", _editor.History[0]);
    }

    [Fact]
    public void ReadLine_Redraw_EndsWithCursorMovedBackToTheEditPoint()
    {
        _keys.Type("abc").Press(ConsoleKey.LeftArrow, 2).Press(ConsoleKey.Enter);

        _editor.ReadLine();

        Assert.Contains("\r> abc\u001b[K\u001b[2D", _screen.ToString(), StringComparison.Ordinal);
    }

    private sealed class ScriptedKeys : IKeyReader
    {
        private readonly Queue<ConsoleKeyInfo> _keys = new();

        public ScriptedKeys Type(string text)
        {
            foreach (char c in text)
            {
                _keys.Enqueue(new ConsoleKeyInfo(c, char.IsLetter(c) ? Enum.Parse<ConsoleKey>(char.ToUpperInvariant(c).ToString()) : ConsoleKey.Oem1, false, false, false));
            }

            return this;
        }

        public ScriptedKeys Press(ConsoleKey key, int times = 1)
        {
            char c = key switch
            {
                ConsoleKey.Enter => '\r',
                ConsoleKey.Backspace => '\b',
                _ => '\0',
            };
            for (int i = 0; i < times; i++)
            {
                _keys.Enqueue(new ConsoleKeyInfo(c, key, false, false, false));
            }

            return this;
        }

        /// <summary>Ctrl+letter, as a terminal delivers it: the control character with the Control modifier.</summary>
        public ScriptedKeys Control(ConsoleKey letter)
        {
            _keys.Enqueue(new ConsoleKeyInfo((char)(letter - ConsoleKey.A + 1), letter, false, false, true));
            return this;
        }

        public ConsoleKeyInfo ReadKey() => _keys.Dequeue();
    }
}
