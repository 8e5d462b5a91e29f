using System.Text;

namespace WebGen.Sandbox.Shell;

/// <summary>
/// Splits a command line into argv words the way a POSIX shell would quote them, and into simple commands
/// at <c>&amp;&amp;</c>, <c>||</c>, <c>;</c> and new lines. It expands nothing: every construct that would make a
/// shell run or substitute something else (redirections, subshells, backticks, <c>$(…)</c>, variables,
/// background jobs) is refused with a reason, so nothing can be smuggled past the allow-list. Pipes are split
/// like the other operators so the policy can name a disallowed program on either side before refusing them.
/// </summary>
internal static class ShellLexer
{
    public static IReadOnlyList<ShellSegment>? TryParse(string commandLine, out string? refusal)
    {
        var segments = new List<ShellSegment>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var connector = ShellConnector.First;
        var text = commandLine.Replace("\r\n", "\n", StringComparison.Ordinal);

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';

            if (c == '`')
            {
                return Refuse(out refusal, "backticks (command substitution) are not allowed; write each command literally");
            }

            if (c == '$' && next == '(')
            {
                return Refuse(out refusal, "$(...) command substitution is not allowed; write each command literally");
            }

            switch (c)
            {
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        return Refuse(out refusal, "a single quote is not closed");
                    }

                    word.Append(text, i + 1, close - i - 1);
                    inWord = true;
                    i = close;
                    continue;
                case '"':
                    var end = ReadDoubleQuoted(text, i + 1, word, out refusal);
                    if (end < 0)
                    {
                        return null;
                    }

                    inWord = true;
                    i = end;
                    continue;
                case '\\':
                    if (next == '\n')
                    {
                        i++;
                        continue;
                    }

                    if (next != '\0')
                    {
                        word.Append(next);
                        inWord = true;
                        i++;
                    }

                    continue;
                case '$' when next == '{' || next == '_' || char.IsAsciiLetterOrDigit(next) || next is '?' or '@' or '*' or '#' or '$' or '!' or '-':
                    return Refuse(out refusal, "shell variables ($NAME) are not expanded; write the value literally");
                case '#' when !inWord:
                    var newline = text.IndexOf('\n', i);
                    i = (newline < 0 ? text.Length : newline) - 1;
                    continue;
                case '|':
                    if (next == '|')
                    {
                        if (!EndSegment(segments, words, word, ref inWord, ref connector, ShellConnector.Or, out refusal))
                        {
                            return null;
                        }

                        i++;
                        continue;
                    }

                    if (!EndSegment(segments, words, word, ref inWord, ref connector, ShellConnector.Pipe, out refusal))
                    {
                        return null;
                    }

                    continue;
                case '&':
                    if (next == '&')
                    {
                        if (!EndSegment(segments, words, word, ref inWord, ref connector, ShellConnector.And, out refusal))
                        {
                            return null;
                        }

                        i++;
                        continue;
                    }

                    return Refuse(out refusal, "background jobs (&) are not allowed; the sandbox starts the dev server itself");
                case ';':
                case '\n':
                    if (!EndSegment(segments, words, word, ref inWord, ref connector, ShellConnector.Sequence, out refusal, allowEmpty: true))
                    {
                        return null;
                    }

                    continue;
                case '>':
                case '<':
                    return Refuse(out refusal, "redirections (<, >) are not supported; write files with file actions");
                case '(':
                case ')':
                    return Refuse(out refusal, "subshells and parentheses are not supported; write each command on its own");
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        FlushWord(words, word, ref inWord);
                    }
                    else
                    {
                        word.Append(c);
                        inWord = true;
                    }

                    continue;
            }
        }

        FlushWord(words, word, ref inWord);
        if (words.Count > 0)
        {
            segments.Add(new ShellSegment([.. words], connector));
        }
        else if (connector is ShellConnector.And or ShellConnector.Or or ShellConnector.Pipe)
        {
            return Refuse(out refusal, "the command line ends with an operator (&&, || or |) and no command after it");
        }

        if (segments.Count == 0)
        {
            return Refuse(out refusal, "the command is empty");
        }

        refusal = null;
        return segments;
    }

    private static int ReadDoubleQuoted(string text, int start, StringBuilder word, out string? refusal)
    {
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '"':
                    refusal = null;
                    return i;
                case '\\' when next is '"' or '\\' or '$' or '`':
                    word.Append(next);
                    i++;
                    break;
                case '\\' when next == '\n':
                    i++;
                    break;
                case '`':
                    refusal = "backticks (command substitution) are not allowed; write each command literally";
                    return -1;
                case '$' when next == '(':
                    refusal = "$(...) command substitution is not allowed; write each command literally";
                    return -1;
                case '$' when next == '{' || next == '_' || char.IsAsciiLetterOrDigit(next):
                    refusal = "shell variables ($NAME) are not expanded; write the value literally";
                    return -1;
                default:
                    word.Append(c);
                    break;
            }
        }

        refusal = "a double quote is not closed";
        return -1;
    }

    private static bool EndSegment(List<ShellSegment> segments, List<string> words, StringBuilder word, ref bool inWord, ref ShellConnector connector, ShellConnector following, out string? refusal, bool allowEmpty = false)
    {
        FlushWord(words, word, ref inWord);
        if (words.Count == 0)
        {
            if (!allowEmpty || connector is ShellConnector.And or ShellConnector.Or or ShellConnector.Pipe)
            {
                refusal = "a command is missing before or after an operator (&&, ||, |, ;)";
                return false;
            }

            refusal = null;
            return true;
        }

        segments.Add(new ShellSegment([.. words], connector));
        words.Clear();
        connector = following;
        refusal = null;
        return true;
    }

    private static void FlushWord(List<string> words, StringBuilder word, ref bool inWord)
    {
        if (inWord)
        {
            words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }
    }

    private static IReadOnlyList<ShellSegment>? Refuse(out string? refusal, string reason)
    {
        refusal = reason;
        return null;
    }
}
