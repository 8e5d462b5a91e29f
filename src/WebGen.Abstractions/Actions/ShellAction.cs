namespace WebGen;

/// <summary>Runs a shell command in the workspace (<c>type="shell"</c>), subject to the sandbox's allow-list.</summary>
public sealed record class ShellAction : BoltAction
{
    /// <summary>The command line.</summary>
    public required string Command { get; init; }
}
