using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WebGen.Sandbox.Processes;

/// <summary>
/// Thread-safe line capture with a hard memory bound: all lines while there are at most
/// <c>maxLines</c>, then only the first <c>headLines</c> and the last <c>tailLines</c>
/// (the reference keeps 50 + 50 past 500). Colour codes are removed and long lines cut.
/// </summary>
internal sealed partial class OutputCapture
{
    private readonly Lock _gate = new();
    private readonly int _maxLines;
    private readonly int _headLines;
    private readonly int _tailLines;
    private readonly int _maxLineLength;
    private List<string>? _all = [];
    private List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private long _total;

    public OutputCapture(int maxLines, int headLines, int tailLines, int maxLineLength)
    {
        _maxLines = maxLines;
        _headLines = headLines;
        _tailLines = tailLines;
        _maxLineLength = maxLineLength;
    }

    public static OutputCapture From(LocalSandboxOptions options) =>
        new(options.MaxOutputLines, options.OutputHeadLines, options.OutputTailLines, options.MaxLineLength);

    /// <summary>Number of lines received so far (including dropped ones); a mark for <see cref="Text(long)"/>.</summary>
    public long LineCount
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    public void Append(string line)
    {
        line = Clean(line);
        lock (_gate)
        {
            _total++;
            if (_all is not null)
            {
                _all.Add(line);
                if (_all.Count > _maxLines)
                {
                    _head = _all.GetRange(0, _headLines);
                    foreach (var kept in _all.Skip(_all.Count - _tailLines))
                    {
                        _tail.Enqueue(kept);
                    }

                    _all = null;
                }

                return;
            }

            _tail.Enqueue(line);
            if (_tail.Count > _tailLines)
            {
                _tail.Dequeue();
            }
        }
    }

    /// <summary>The retained lines numbered at least <paramref name="fromLine"/>, with a marker where lines were dropped.</summary>
    public string Text(long fromLine = 0) => Join(Retained(fromLine), int.MaxValue);

    /// <summary>At most the last <paramref name="count"/> retained lines numbered at least <paramref name="fromLine"/>.</summary>
    public string Tail(int count, long fromLine = 0) => Join(Retained(fromLine), count);

    private List<(long Number, string Line)> Retained(long fromLine)
    {
        lock (_gate)
        {
            var lines = new List<(long, string)>();
            if (_all is not null)
            {
                for (var i = (int)Math.Min(Math.Max(fromLine, 0), _all.Count); i < _all.Count; i++)
                {
                    lines.Add((i, _all[i]));
                }

                return lines;
            }

            for (var i = 0; i < _head.Count; i++)
            {
                if (i >= fromLine)
                {
                    lines.Add((i, _head[i]));
                }
            }

            var number = _total - _tail.Count;
            foreach (var line in _tail)
            {
                if (number >= fromLine)
                {
                    lines.Add((number, line));
                }

                number++;
            }

            return lines;
        }
    }

    private static string Join(List<(long Number, string Line)> lines, int lastCount)
    {
        var skipped = Math.Max(0, lines.Count - lastCount);
        var builder = new StringBuilder();
        if (skipped > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... [{skipped} earlier lines not shown] ...\n");
        }

        long? previous = null;
        foreach (var (number, line) in lines.Skip(skipped))
        {
            if (previous is { } p && number > p + 1)
            {
                builder.Append(CultureInfo.InvariantCulture, $"... [{number - p - 1} lines omitted] ...\n");
            }

            builder.Append(line).Append('\n');
            previous = number;
        }

        return builder.ToString().TrimEnd('\n');
    }

    private string Clean(string line)
    {
        if (line.Contains('\x1B', StringComparison.Ordinal))
        {
            line = AnsiEscape().Replace(line, "");
        }

        // A carriage return redraws the terminal line (progress bars): only the last drawing is real.
        var carriage = line.TrimEnd('\r').LastIndexOf('\r');
        if (carriage >= 0)
        {
            line = line[(carriage + 1)..];
        }

        line = line.TrimEnd('\r');
        return line.Length <= _maxLineLength ? line : string.Concat(line.AsSpan(0, _maxLineLength), " …[line cut]");
    }

    [GeneratedRegex(@"\x1B(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1B]*(?:\x07|\x1B\\)|[@-Z\\-_])")]
    private static partial Regex AnsiEscape();
}
