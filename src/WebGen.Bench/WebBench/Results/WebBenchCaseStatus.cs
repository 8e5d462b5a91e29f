namespace WebGen.Bench;

/// <summary>How a Web-Bench test case ended (Playwright's test statuses, plus the harness's own).</summary>
public enum WebBenchCaseStatus
{
    /// <summary>The case passed.</summary>
    Passed,

    /// <summary>An assertion or the test code failed.</summary>
    Failed,

    /// <summary>The case exceeded its timeout.</summary>
    TimedOut,

    /// <summary>The spec skipped the case; it counts neither as passed nor as a case.</summary>
    Skipped,

    /// <summary>The run was stopped while the case ran.</summary>
    Interrupted,

    /// <summary>The case never ran: the site did not start, its spec file could not be loaded, or the run failed.</summary>
    NotRun,
}
