namespace WebGen.Sandbox.Shell;

/// <summary>
/// One planned step of an allowed command line: change directory (<see cref="Program"/> is null) or run
/// <see cref="Program"/> with <see cref="Arguments"/> in <see cref="WorkingDirectory"/>.
/// </summary>
internal sealed record class ShellStep
{
    public required ShellConnector Connector { get; init; }

    public required string WorkingDirectory { get; init; }

    public string? Program { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>True for npm commands that change <c>node_modules</c> (install, uninstall, update, …).</summary>
    public bool ChangesDependencies { get; init; }
}
