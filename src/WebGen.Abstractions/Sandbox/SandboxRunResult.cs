namespace WebGen;

/// <summary>The outcome of <see cref="ISandboxSession.EnsureRunningAsync"/>.</summary>
public sealed record class SandboxRunResult
{
    /// <summary>The installation stage.</summary>
    public required SandboxStageResult Install { get; init; }

    /// <summary>The start stage.</summary>
    public required SandboxStageResult Start { get; init; }

    /// <summary>Why the site is not running, or <see cref="SandboxFailureKind.None"/>.</summary>
    public SandboxFailureKind Failure { get; init; }

    /// <summary>The site's address when it is running (for example <c>http://127.0.0.1:5173/</c>).</summary>
    public Uri? Url { get; init; }

    /// <summary>Process id of the server, for diagnostics.</summary>
    public int? ServerProcessId { get; init; }

    /// <summary>The log excerpt the model should see when something failed.</summary>
    public string? FailureExcerpt { get; init; }

    /// <summary>How the site's processes were contained; <see cref="SandboxContainment.None"/> means they ran with the host user's rights.</summary>
    public SandboxContainment Containment { get; init; }

    /// <summary>True when the site is running and answering at <see cref="Url"/>.</summary>
    public bool IsRunning => Failure == SandboxFailureKind.None && Url is not null;
}
