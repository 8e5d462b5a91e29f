namespace WebGen;

/// <summary>The outcome of a <c>shell</c> action.</summary>
public sealed record class ShellCommandResult
{
    /// <summary>The command as requested.</summary>
    public required string Command { get; init; }

    /// <summary>False when the policy refused the command; see <see cref="RefusalReason"/>.</summary>
    public bool Allowed { get; init; } = true;

    /// <summary>Why the command was refused, phrased for the model.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>The process exit code; null when it did not run or was killed.</summary>
    public int? ExitCode { get; init; }

    /// <summary>True when the command hit its time limit and was killed.</summary>
    public bool TimedOut { get; init; }

    /// <summary>Combined output, truncated head and tail.</summary>
    public string Output { get; init; } = "";

    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The resource limit that stopped the command, or <see cref="SandboxLimit.None"/>.</summary>
    public SandboxLimit LimitExceeded { get; init; }

    /// <summary>How the command's processes were contained; <see cref="SandboxContainment.None"/> means they ran with the host user's rights.</summary>
    public SandboxContainment Containment { get; init; }

    /// <summary>True when the command ran and exited with code 0.</summary>
    public bool Succeeded => Allowed && ExitCode == 0 && !TimedOut;
}
