namespace WebGen.Sandbox.Shell;

/// <summary>One simple command of a command line: its words (argv) and its connector to the previous one.</summary>
internal sealed record class ShellSegment(IReadOnlyList<string> Words, ShellConnector Connector);
