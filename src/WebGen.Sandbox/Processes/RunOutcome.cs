namespace WebGen.Sandbox.Processes;

/// <summary>How a run-to-completion child ended.</summary>
internal sealed record class RunOutcome
{
    public required string Command { get; init; }

    /// <summary>The exit code; null when the child was killed for its time limit.</summary>
    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    /// <summary>The resource limit that stopped the child, if any.</summary>
    public SandboxLimit LimitExceeded { get; init; }

    public TimeSpan Duration { get; init; }

    public required OutputCapture Output { get; init; }

    public bool Succeeded => ExitCode == 0 && !TimedOut && LimitExceeded == SandboxLimit.None;
}
