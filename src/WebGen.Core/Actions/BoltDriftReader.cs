using System.Text.RegularExpressions;

namespace WebGen;

/// <summary>
/// Reads the forms models drift into when they leave Bolt markup, as Bolt.diy's enhanced message parser accepts them:
/// a fenced code block right after a line that names its file (<c>src/App.jsx:</c>, "Create a file called
/// <c>`x.ts`</c>", "Update server.js:"), a fenced block whose first line is a <c>// filename: …</c> comment, and shell
/// commands in a <c>```bash</c> block. Only an answer with no Bolt tag at all is read this way, and a code block with no
/// file named next to it (a plain code sample) never becomes a file. Every action read is reported as a warning that
/// shows the model the markup to write instead.
/// </summary>
internal static partial class BoltDriftReader
{
    private static readonly string[] ShellLanguages = ["bash", "sh", "shell", "zsh", "console", "terminal"];

    // Library names that look like file names in prose ("This runs on Node.js:").
    private static readonly HashSet<string> LibraryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "node.js", "vue.js", "next.js", "nuxt.js", "express.js", "react.js", "three.js", "d3.js", "chart.js", "p5.js",
        "angular.js", "ember.js", "backbone.js", "alpine.js", "anime.js", "socket.io", "moment.js", "day.js",
    };

    public static bool Applies(string text) =>
        !text.Contains("<boltArtifact", StringComparison.OrdinalIgnoreCase) && !text.Contains("<boltAction", StringComparison.OrdinalIgnoreCase);

    public static void Read(string text, List<BoltAction> actions, List<BoltDiagnostic> diagnostics)
    {
        foreach (var fence in Fences(text))
        {
            if (FileNamedBefore(text, fence.Start) is { } named && Normalise(named.Path) is { } path)
            {
                actions.Add(new FileAction { FilePath = path, Content = Content(fence.Body), Offset = fence.Start });
                diagnostics.Add(Warning(fence.Start, $"Read `{path}` from {named.Form} followed by a code block. Write files as <boltAction type=\"file\" filePath=\"{path}\">…</boltAction> inside a <boltArtifact>."));
                continue;
            }

            var lines = fence.Body.Split('\n');
            if (FilenameComment().Match(lines[0]) is { Success: true } comment && Normalise(comment.Groups["path"].Value) is { } commented)
            {
                actions.Add(new FileAction { FilePath = commented, Content = Content(string.Join('\n', lines.Skip(1))), Offset = fence.Start });
                diagnostics.Add(Warning(fence.Start, $"Read `{commented}` from a code block whose first line names the file. Write files as <boltAction type=\"file\" filePath=\"{commented}\">…</boltAction> inside a <boltArtifact>."));
                continue;
            }

            if (ShellLanguages.Contains(fence.Language, StringComparer.OrdinalIgnoreCase) && Commands(lines) is { Count: > 0 } commands)
            {
                foreach (var command in commands)
                {
                    actions.Add(new ShellAction { Command = command, Offset = fence.Start });
                }

                diagnostics.Add(Warning(fence.Start, $"Read {commands.Count} shell command(s) from a ```{fence.Language} block. Write them as <boltAction type=\"shell\">…</boltAction> inside a <boltArtifact>."));
            }
        }
    }

    /// <summary>The fenced code blocks (``` … ```) of the answer; an unclosed one is not a block.</summary>
    private static List<CodeBlock> Fences(string text)
    {
        var fences = new List<CodeBlock>();
        foreach (Match m in Fence().Matches(text))
        {
            fences.Add(new CodeBlock(m.Index, m.Groups["lang"].Value, m.Groups["body"].Value.Replace("\r", "", StringComparison.Ordinal)));
        }

        return fences;
    }

    /// <summary>The file named on the last non-blank line before a block, with how it was named; null when none is.</summary>
    private static (string Path, string Form)? FileNamedBefore(string text, int fenceStart)
    {
        var before = text[..fenceStart].TrimEnd();
        var line = before[(before.LastIndexOf('\n') + 1)..].Trim();
        if (line.Length == 0)
        {
            return null;
        }

        if (PathLine().Match(line) is { Success: true } bare)
        {
            return (bare.Groups["path"].Value, "a line holding its path");
        }

        if (MentionLine().Match(line) is { Success: true } mention)
        {
            // "This works in Node.js:" names no file: a bare name must be quoted, hold a folder, or follow a verb that writes.
            var quoted = mention.Groups["quote"].Success;
            var path = mention.Groups["path"].Value;
            if (quoted || path.Contains('/', StringComparison.Ordinal) || WritingVerb().IsMatch(line[..mention.Groups["path"].Index]))
            {
                return (path, "a line naming it");
            }
        }

        return null;
    }

    /// <summary>A relative path the workspace jail may accept, or null for what is not a real file name.</summary>
    private static string? Normalise(string raw)
    {
        var path = raw.Trim().Trim('`', '\'', '"', '*').Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path.TrimStart('/');
        if (path.Length == 0 || !ValidPath().IsMatch(path) || LibraryNames.Contains(path) || ExcludedPath().IsMatch(path))
        {
            return null;
        }

        return path;
    }

    /// <summary>The block's lines as shell commands ("$ " prompts removed), or none when any line is not a command.</summary>
    private static List<string> Commands(string[] lines)
    {
        var commands = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            line = line.StartsWith("$ ", StringComparison.Ordinal) ? line[2..].Trim() : line;
            if (!CommandLine().IsMatch(line))
            {
                return [];
            }

            commands.Add(line);
        }

        return commands;
    }

    private static string Content(string body)
    {
        var trimmed = body.Trim('\n');
        return trimmed.Length == 0 ? "" : trimmed.TrimEnd() + "\n";
    }

    private static BoltDiagnostic Warning(int offset, string message) => new() { Severity = BoltDiagnosticSeverity.Warning, Message = message, Offset = offset };

    private sealed record class CodeBlock(int Start, string Language, string Body);

    [GeneratedRegex(@"^[ ]{0,3}```[ \t]*(?<lang>[\w+#.-]*)[^\n]*\n(?<body>.*?)\n[ ]{0,3}```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    // The whole line is the path: "src/App.jsx:", "`src/App.jsx`", "**src/App.jsx**", "### src/App.jsx".
    [GeneratedRegex(@"^(?:#{1,6}\s*)?(?:\*\*|__)?`?(?<path>[\w\-./\\]+\.\w+)`?(?:\*\*|__)?\s*:?$")]
    private static partial Regex PathLine();

    // A sentence ending with the path: "Create a file called `x.ts`", "Update server.js:", "Here's the new `src/App.jsx`:".
    [GeneratedRegex(@"(?i)\b(?:create|update|modify|edit|write|add|generate|replace|save|put|here'?s|here\s+is|file|called|named|in|into|to|for|as)\b.*?(?<quote>[`'""])?(?<path>[\w\-./\\]+\.\w+)\k<quote>?\**\s*:?$")]
    private static partial Regex MentionLine();

    [GeneratedRegex(@"(?i)\b(?:create|update|modify|edit|write|add|generate|replace|save|put|here'?s|here\s+is|file|called|named)\b")]
    private static partial Regex WritingVerb();

    // "// filename: src/App.jsx", "# file: app.py", "<!-- File: index.html -->", "/* filename: a.css */".
    [GeneratedRegex(@"^\s*(?://|#|<!--|/\*)\s*(?i:file(?:name)?)\s*:?\s*(?<path>[\w\-./\\]+\.\w+)\s*(?:-->|\*/)?\s*$")]
    private static partial Regex FilenameComment();

    [GeneratedRegex(@"^[\w\-./]+\.\w+$")]
    private static partial Regex ValidPath();

    // Bolt.diy's exclusions: scratch folders, backup files and generic demo names are not the site's files.
    [GeneratedRegex(@"(?i)^(?:tmp|temp|test|example|output|result|response)/|\.(?:tmp|temp|bak|backup|old|orig)$|^(?:untitled|new|demo|sample)\d*\.")]
    private static partial Regex ExcludedPath();

    [GeneratedRegex(@"^(?:npm|npx|node|yarn|pnpm|bun|cd|mkdir|rm|cp|mv|touch|ls|cat|echo|git|curl|wget|chmod)(?:\s|$)")]
    private static partial Regex CommandLine();
}
