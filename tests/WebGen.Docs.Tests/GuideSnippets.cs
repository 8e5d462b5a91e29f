using System.Text.RegularExpressions;

namespace WebGen.Docs.Tests;

/// <summary>Reads the guide's C# blocks and the snippet regions of this project's sources.</summary>
internal static partial class GuideSnippets
{
    public static string RepositoryRoot { get; } = LocateRoot();

    public static string GuidePath => Path.Combine(RepositoryRoot, "docs", "plugging-parts.md");

    /// <summary>Each ```csharp block of the guide with the snippet name on the line before it (null when none).</summary>
    public static IReadOnlyList<(string? Name, string Code)> GuideBlocks()
    {
        var markdown = File.ReadAllText(GuidePath).ReplaceLineEndings("\n");
        return [.. CodeBlock().Matches(markdown).Select(m => (m.Groups["name"].Success ? m.Groups["name"].Value : null, Normalise(m.Groups["code"].Value)))];
    }

    /// <summary>Rewrites every marked block of the guide with the code of its region (WEBGEN_UPDATE_SNIPPETS=1).</summary>
    public static void UpdateGuide()
    {
        var regions = SourceRegions();
        var markdown = File.ReadAllText(GuidePath).ReplaceLineEndings("\n");
        var updated = CodeBlock().Replace(markdown, m => m.Groups["name"].Success && regions.TryGetValue(m.Groups["name"].Value, out var code)
            ? $"<!-- snippet: {m.Groups["name"].Value} -->\n```csharp\n{code}\n```"
            : m.Value);
        File.WriteAllText(GuidePath, updated);
    }

    /// <summary>Every <c>// begin-snippet: name</c> … <c>// end-snippet</c> region in this project's sources, dedented.</summary>
    public static IReadOnlyDictionary<string, string> SourceRegions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        var project = Path.Combine(RepositoryRoot, "tests", "WebGen.Docs.Tests");
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match region in Region().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")))
            {
                Assert.That(regions.TryAdd(region.Groups["name"].Value, Normalise(region.Groups["code"].Value)), Is.True, $"snippet '{region.Groups["name"].Value}' is defined twice");
            }
        }

        return regions;
    }

    private static string Normalise(string code)
    {
        var lines = code.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length == 0 ? l : l[indent..]));
    }

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebGen.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("WebGen.Core.sln was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?:<!-- snippet: (?<name>\S+) -->\n)?```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^[ \t]*// begin-snippet: (?<name>\S+)[ \t]*\n(?<code>.*?)\n[ \t]*// end-snippet[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Region();
}
