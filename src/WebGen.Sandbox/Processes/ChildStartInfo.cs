namespace WebGen.Sandbox.Processes;

/// <summary>What to run: a program resolved through the child's <c>PATH</c>, its argument vector (no shell), where and with which environment.</summary>
internal sealed record class ChildStartInfo
{
    public required string Program { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public required string WorkingDirectory { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>
    /// What results and logs show instead of the real command line: the command the model or the sandbox asked
    /// for, when it actually runs wrapped (for example inside bubblewrap).
    /// </summary>
    public string? DisplayOverride { get; init; }

    /// <summary>The command line as shown in results and logs.</summary>
    public string DisplayCommand => DisplayOverride ?? string.Join(' ', new[] { Program }.Concat(Arguments.Select(Quote)));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'' or '\\')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
