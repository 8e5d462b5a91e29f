namespace WebGen.Bench;

/// <summary>How the project's site came up in the sandbox for an evaluation.</summary>
public sealed record class WebBenchSiteOutcome
{
    /// <summary>True when the site answered at its URL and the tests ran against it.</summary>
    public required bool Started { get; init; }

    /// <summary>The sandbox's verdict; a site can answer with a failure noted (a page that does not compile), and the tests then still run.</summary>
    public SandboxFailureKind Failure { get; init; }

    /// <summary>The sandbox's excerpt (install or start output) when something failed.</summary>
    public string? Excerpt { get; init; }

    /// <summary>The command that served the site.</summary>
    public string? Command { get; init; }

    /// <summary>How the site's processes were contained.</summary>
    public SandboxContainment Containment { get; init; }

    /// <summary>Install and start time.</summary>
    public TimeSpan Duration { get; init; }
}
