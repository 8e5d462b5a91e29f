using System.Globalization;
using System.Text.RegularExpressions;

namespace WebGen.Playwright;

/// <summary>
/// Parses the agent's answer: an optional <c>Thought:</c> and one <c>Action:</c> in the WebVoyager grammar
/// (<c>Click [n]</c>, <c>Type [n]; text</c>, <c>Scroll [n|WINDOW]; up|down</c>, <c>Wait</c>, <c>GoBack</c>,
/// <c>ANSWER; text</c>). Command words are case-insensitive and brackets optional; anything else is an
/// invalid action whose problem is fed back to the model.
/// </summary>
internal static partial class AgentActionParser
{
    public const string Grammar = "Click [n] | Type [n]; text | Scroll [n]; up or down | Scroll [WINDOW]; up or down | Wait | GoBack | ANSWER; text";

    public static AgentAction Parse(string? output)
    {
        var text = (output ?? "").Trim();
        string? thought = null;
        var thoughtMatch = ThoughtRegex().Match(text);
        if (thoughtMatch.Success)
        {
            thought = thoughtMatch.Groups[1].Value.Trim();
        }

        var actionIndex = text.LastIndexOf("Action:", StringComparison.OrdinalIgnoreCase);
        string line;
        if (actionIndex >= 0)
        {
            line = text[(actionIndex + "Action:".Length)..].Trim();
        }
        else
        {
            // No "Action:" marker: accept a bare action on the last line (models sometimes drop the prefix).
            line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
        }

        var firstLine = Strip(line.Split('\n', 2)[0]);
        if (firstLine.Length == 0)
        {
            return Invalid(thought, "the answer contains no action", text);
        }

        Match m;
        if ((m = ClickRegex().Match(firstLine)).Success)
        {
            var label = Number(m.Groups[1].Value);
            return new AgentAction { Kind = GuiActionKind.Click, Thought = thought, Label = label, Canonical = $"click {label}" };
        }

        if ((m = TypeRegex().Match(firstLine)).Success)
        {
            var label = Number(m.Groups[1].Value);
            var content = Unwrap(m.Groups[2].Value);
            return new AgentAction { Kind = GuiActionKind.Type, Thought = thought, Label = label, Text = content, Canonical = $"type {label} {content}" };
        }

        if ((m = ScrollRegex().Match(firstLine)).Success)
        {
            var target = m.Groups[1].Value;
            var down = m.Groups[2].Value.Equals("down", StringComparison.OrdinalIgnoreCase);
            int? label = target.Equals("window", StringComparison.OrdinalIgnoreCase) ? null : Number(target);
            return new AgentAction
            {
                Kind = GuiActionKind.Scroll,
                Thought = thought,
                Label = label,
                Down = down,
                Canonical = $"scroll {(label is null ? "window" : label.Value.ToString(CultureInfo.InvariantCulture))} {(down ? "down" : "up")}",
            };
        }

        if (WaitRegex().IsMatch(firstLine))
        {
            return new AgentAction { Kind = GuiActionKind.Wait, Thought = thought, Canonical = "wait" };
        }

        if (GoBackRegex().IsMatch(firstLine))
        {
            return new AgentAction { Kind = GuiActionKind.GoBack, Thought = thought, Canonical = "goback" };
        }

        if ((m = AnswerRegex().Match(firstLine)).Success)
        {
            // The answer may run over several lines; keep all of it.
            var rest = line.Split('\n', 2) is [_, var more] ? "\n" + more.TrimEnd() : "";
            var answer = m.Groups[1].Value.Trim().Length == 0 ? "" : Unwrap(m.Groups[1].Value + rest);
            return answer.Length == 0
                ? Invalid(thought, "ANSWER needs the answer after a semicolon, for example: ANSWER; YES", firstLine)
                : new AgentAction { Kind = GuiActionKind.Answer, Thought = thought, Text = answer, Canonical = "answer " + answer };
        }

        return Invalid(thought, $"\"{Shorten(firstLine)}\" is not one of the actions ({Grammar})", firstLine);
    }

    private static AgentAction Invalid(string? thought, string problem, string raw) =>
        new() { Kind = GuiActionKind.Invalid, Thought = thought, Problem = problem, Canonical = "invalid " + raw };

    private static int Number(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static string Strip(string line)
    {
        var text = line.Trim().Trim('`', '*').Trim();
        return text.Length >= 2 && text[0] == text[^1] && text[0] is '"' or '\'' ? text[1..^1].Trim() : text;
    }

    private static string Unwrap(string content)
    {
        var text = content.Trim();
        if (text.Length >= 2 && ((text[0] == '[' && text[^1] == ']') || (text[0] == '"' && text[^1] == '"') || (text[0] == '\'' && text[^1] == '\'')))
        {
            text = text[1..^1].Trim();
        }

        return text.TrimEnd('`', '*').Trim();
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex(@"Thought:\s*(.*?)(?=Action:|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ThoughtRegex();

    [GeneratedRegex(@"^click\s*\[?\s*(\d{1,4})\s*\]?\s*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ClickRegex();

    [GeneratedRegex(@"^type\s*\[?\s*(\d{1,4})\s*\]?\s*[;:,]\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex TypeRegex();

    [GeneratedRegex(@"^scroll\s*\[?\s*(\d{1,4}|window)\s*\]?\s*[;:,]\s*\[?\s*(up|down)\s*\]?\s*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex ScrollRegex();

    [GeneratedRegex(@"^wait\s*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex WaitRegex();

    [GeneratedRegex(@"^go\s*back\s*\.?$", RegexOptions.IgnoreCase)]
    private static partial Regex GoBackRegex();

    [GeneratedRegex(@"^answer\s*[;:,]?\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerRegex();
}
