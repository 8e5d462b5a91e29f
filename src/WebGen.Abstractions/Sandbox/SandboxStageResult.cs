namespace WebGen;

/// <summary>The outcome of one sandbox stage.</summary>
public sealed record class SandboxStageResult
{
    /// <summary>How the stage ended.</summary>
    public required SandboxStageStatus Status { get; init; }

    /// <summary>The command that ran, if any.</summary>
    public string? Command { get; init; }

    /// <summary>Exit code when the process exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Wall-clock duration.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Captured output (head and tail kept when long).</summary>
    public string Output { get; init; } = "";

    /// <summary>Why the stage was skipped or what failed, one sentence.</summary>
    public string? Detail { get; init; }

    /// <summary>The resource limit that stopped the stage, or <see cref="SandboxLimit.None"/>.</summary>
    public SandboxLimit LimitExceeded { get; init; }

    /// <summary>A stage that was not run.</summary>
    public static SandboxStageResult NotRun { get; } = new() { Status = SandboxStageStatus.NotRun };
}
