namespace WebGen.Sandbox.Shell;

/// <summary>How a command of a command line depends on the one before it.</summary>
internal enum ShellConnector
{
    /// <summary>The first command.</summary>
    First,

    /// <summary><c>;</c> or a new line: runs whatever happened before.</summary>
    Sequence,

    /// <summary><c>&amp;&amp;</c>: runs only when the previous command succeeded.</summary>
    And,

    /// <summary><c>||</c>: runs only when the previous command failed.</summary>
    Or,

    /// <summary><c>|</c>: parsed so that the programs on both sides are checked, then refused (there is no shell to connect them).</summary>
    Pipe,
}
