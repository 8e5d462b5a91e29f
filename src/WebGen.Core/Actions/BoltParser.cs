using System.Net;
using System.Text.RegularExpressions;

namespace WebGen;

/// <summary>
/// Reads Bolt markup (<c>&lt;boltArtifact&gt;</c> holding <c>&lt;boltAction type="…"&gt;</c> elements) from a
/// model answer. Tolerant by design: text around the actions, single or double quotes, self-closing
/// signals, code fences inside file actions and a truncated final action are all handled and
/// reported as diagnostics. An answer with no Bolt tag at all is read for the forms models drift into
/// (a file named before a code block, a <c>// filename:</c> line, commands in a <c>```bash</c> block), each
/// reported as a warning. <see cref="ParseReference"/> reads as the reference implementation does instead.
/// It never throws on any input.
/// </summary>
public static partial class BoltParser
{
    private const string ActionOpen = "<boltAction";
    private const string ActionClose = "</boltAction>";
    private const string ArtifactOpen = "<boltArtifact";
    private const string ArtifactClose = "</boltArtifact>";

    /// <summary>Parses one model answer as <paramref name="profile"/> reads answers.</summary>
    /// <param name="text">The answer; null is treated as empty.</param>
    /// <param name="profile">
    /// <see cref="WebGenProfile.Enhanced"/>: this parser's tolerant reading (<see cref="Parse(string?)"/>).
    /// <see cref="WebGenProfile.Reference"/>: the reference implementation's reading (<see cref="ParseReference"/>).
    /// </param>
    public static BoltParseResult Parse(string? text, WebGenProfile profile) =>
        profile == WebGenProfile.Reference ? ParseReference(text) : Parse(text);

    /// <summary>
    /// Reads an answer exactly as the reference implementation does: files come only from the reference's pattern
    /// <c>&lt;boltAction type="file" filePath="(.*?)"&gt;(.*?)&lt;/boltAction&gt;</c> (double quotes, <c>type</c> first, one
    /// space; an extra attribute ends up in the path, as it does there), contents HTML-decoded and otherwise kept as written; shell and
    /// start actions are not read (the reference always installs and starts the site itself); the signals are the
    /// substrings <c>boltAction type="finish"</c> and <c>boltAction type="screenshot_validated"</c> (either quote)
    /// anywhere in the answer. Nothing is reported as a diagnostic.
    /// </summary>
    /// <param name="text">The answer; null is treated as empty.</param>
    public static BoltParseResult ParseReference(string? text)
    {
        text ??= "";
        var actions = new List<BoltAction>();
        foreach (Match file in ReferenceFile().Matches(text))
        {
            actions.Add(new FileAction { FilePath = file.Groups["path"].Value, Content = WebUtility.HtmlDecode(file.Groups["content"].Value), Offset = file.Index });
        }

        if (ReferenceSignal(text, "screenshot_validated") is { } validated)
        {
            actions.Add(new ScreenshotValidatedAction { Offset = validated });
        }

        if (ReferenceSignal(text, "finish") is { } finish)
        {
            actions.Add(new FinishAction { Offset = finish });
        }

        actions.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return new BoltParseResult { Actions = actions, HasArtifact = text.Contains("boltArtifact", StringComparison.Ordinal) };
    }

    /// <summary>Parses one model answer.</summary>
    /// <param name="text">The answer; null is treated as empty.</param>
    public static BoltParseResult Parse(string? text)
    {
        text ??= "";
        var actions = new List<BoltAction>();
        var diagnostics = new List<BoltDiagnostic>();

        string? title = null;
        var artifactAt = IndexOfTag(text, ArtifactOpen, 0);
        if (artifactAt >= 0)
        {
            var end = text.IndexOf('>', artifactAt);
            if (end < 0)
            {
                diagnostics.Add(Error(artifactAt, "The <boltArtifact> tag is not closed with '>'."));
            }
            else
            {
                var attributes = ParseAttributes(text, artifactAt + ArtifactOpen.Length, end);
                attributes.TryGetValue("title", out title);
            }
        }

        var position = 0;
        while (true)
        {
            var start = IndexOfTag(text, ActionOpen, position);
            if (start < 0)
            {
                break;
            }

            var tagEnd = FindTagEnd(text, start + ActionOpen.Length);
            if (tagEnd < 0)
            {
                diagnostics.Add(Error(start, "The last <boltAction> tag is cut off before its '>'; the action was dropped."));
                break;
            }

            var selfClosing = text[tagEnd - 1] == '/';
            var attributes = ParseAttributes(text, start + ActionOpen.Length, selfClosing ? tagEnd - 1 : tagEnd);
            var contentStart = tagEnd + 1;
            string content;
            var truncated = false;
            if (selfClosing)
            {
                content = "";
                position = contentStart;
            }
            else
            {
                var close = text.IndexOf(ActionClose, contentStart, StringComparison.OrdinalIgnoreCase);
                var next = IndexOfTag(text, ActionOpen, contentStart);
                if (close >= 0 && (next < 0 || close < next))
                {
                    content = text[contentStart..close];
                    position = close + ActionClose.Length;
                }
                else
                {
                    // Unterminated: the content runs to the next action, the artifact's end, or the end of the answer.
                    var stop = next >= 0 ? next : text.Length;
                    var artifactEnd = text.LastIndexOf(ArtifactClose, stop - 1 < 0 ? 0 : stop - 1, StringComparison.OrdinalIgnoreCase);
                    if (artifactEnd >= contentStart)
                    {
                        stop = artifactEnd;
                    }

                    content = text[contentStart..stop];
                    position = stop;
                    truncated = true;
                }
            }

            var action = CreateAction(attributes, content, start, truncated, diagnostics);
            if (action is not null)
            {
                actions.Add(action);
            }
        }

        if (actions.Count == 0 && diagnostics.Count == 0 && BoltDriftReader.Applies(text))
        {
            BoltDriftReader.Read(text, actions, diagnostics);
        }

        if (actions.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(Error(0, artifactAt >= 0
                ? "The answer has a <boltArtifact> but no <boltAction> inside it."
                : "The answer contains no <boltAction>. Write files with <boltAction type=\"file\" filePath=\"…\">, or reply with a screenshot_validated or finish action."));
        }

        return new BoltParseResult
        {
            Actions = actions,
            Diagnostics = diagnostics,
            ArtifactTitle = title is null ? null : WebUtility.HtmlDecode(title),
            HasArtifact = artifactAt >= 0,
        };
    }

    private static BoltAction? CreateAction(Dictionary<string, string> attributes, string rawContent, int offset, bool truncated, List<BoltDiagnostic> diagnostics)
    {
        if (!attributes.TryGetValue("type", out var type) || type.Length == 0)
        {
            diagnostics.Add(Error(offset, "A <boltAction> has no type attribute; it was ignored."));
            return null;
        }

        type = type.Trim().ToLowerInvariant();
        if (truncated)
        {
            diagnostics.Add(Error(offset, $"The {type} action at offset {offset} has no closing </boltAction>; its content may be cut off."));
        }

        var content = WebUtility.HtmlDecode(rawContent);
        switch (type)
        {
            case "file":
                if (!attributes.TryGetValue("filepath", out var path) || string.IsNullOrWhiteSpace(path))
                {
                    diagnostics.Add(Error(offset, "A file action has no filePath attribute; it was ignored."));
                    return null;
                }

                return new FileAction { FilePath = WebUtility.HtmlDecode(path).Trim(), Content = NormaliseFileContent(content), Offset = offset, IsTruncated = truncated };
            case "shell":
                var command = content.Trim();
                if (command.Length == 0)
                {
                    diagnostics.Add(new BoltDiagnostic { Severity = BoltDiagnosticSeverity.Warning, Message = "An empty shell action was ignored.", Offset = offset });
                    return null;
                }

                return new ShellAction { Command = command, Offset = offset, IsTruncated = truncated };
            case "start":
                return new StartAction { Command = content.Trim(), Offset = offset, IsTruncated = truncated };
            case "screenshot_validated":
                return new ScreenshotValidatedAction { Offset = offset, IsTruncated = truncated };
            case "finish":
                return new FinishAction { Offset = offset, IsTruncated = truncated };
            case "gui_agent_test":
                return new GuiAgentTestAction { Instruction = content.Trim(), Offset = offset, IsTruncated = truncated };
            default:
                diagnostics.Add(Error(offset, $"Unknown action type \"{type}\" was ignored (known: file, shell, start, screenshot_validated, finish)."));
                return null;
        }
    }

    /// <summary>Strips the blank line after the tag and a code fence wrapping the whole file; ends with one newline.</summary>
    private static string NormaliseFileContent(string content)
    {
        var trimmed = content.Trim('\r', '\n');
        var probe = trimmed.TrimStart();
        if (probe.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLineEnd = probe.IndexOf('\n', StringComparison.Ordinal);
            var lastFence = probe.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLineEnd > 0 && lastFence > firstLineEnd && probe[(lastFence + 3)..].Trim().Length == 0)
            {
                trimmed = probe[(firstLineEnd + 1)..lastFence].TrimEnd('\r', '\n', ' ', '\t');
            }
        }

        return trimmed.Length == 0 ? "" : trimmed.TrimEnd() + "\n";
    }

    private static int IndexOfTag(string text, string tag, int from)
    {
        while (from < text.Length)
        {
            var at = text.IndexOf(tag, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }

            var after = at + tag.Length;
            if (after >= text.Length || char.IsWhiteSpace(text[after]) || text[after] is '>' or '/')
            {
                return at;
            }

            from = after;
        }

        return -1;
    }

    /// <summary>Finds the '>' closing a start tag, skipping quoted attribute values.</summary>
    private static int FindTagEnd(string text, int from)
    {
        char quote = '\0';
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
            else if (c == '<')
            {
                return -1;
            }
        }

        return -1;
    }

    private static Dictionary<string, string> ParseAttributes(string text, int from, int to)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = from;
        while (i < to)
        {
            while (i < to && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var nameStart = i;
            while (i < to && text[i] != '=' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            while (i < to && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= to || text[i] != '=')
            {
                if (name.Length > 0)
                {
                    result.TryAdd(name, "");
                }

                i++;
                continue;
            }

            i++;
            while (i < to && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            string value;
            if (i < to && text[i] is '"' or '\'')
            {
                var quote = text[i];
                var end = text.IndexOf(quote, i + 1);
                if (end < 0 || end > to)
                {
                    end = to;
                }

                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var valueStart = i;
                while (i < to && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                value = text[valueStart..i];
            }

            if (name.Length > 0)
            {
                result.TryAdd(name, WebUtility.HtmlDecode(value));
            }
        }

        return result;
    }

    private static int? ReferenceSignal(string text, string type)
    {
        var at = text.IndexOf($"boltAction type=\"{type}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf($"boltAction type='{type}'", StringComparison.Ordinal);
        }

        return at < 0 ? null : at;
    }

    [GeneratedRegex("""<boltAction type="file" filePath="(?<path>.*?)">(?<content>.*?)</boltAction>""", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceFile();

    private static BoltDiagnostic Error(int offset, string message) => new() { Severity = BoltDiagnosticSeverity.Error, Message = message, Offset = offset };
}
