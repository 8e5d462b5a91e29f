namespace WebGen.Bench;

/// <summary>One Playwright test case of a Web-Bench spec and how it ended.</summary>
public sealed record class WebBenchCaseResult
{
    /// <summary>The task whose spec holds the case (0 for <c>init.spec.js</c>).</summary>
    public required int Task { get; init; }

    /// <summary>The spec file relative to the project (<c>test/task-3.spec.js</c>).</summary>
    public required string File { get; init; }

    /// <summary>Line of the test in the spec file (0 when unknown).</summary>
    public int Line { get; init; }

    /// <summary>The test's title, with the titles of its <c>describe</c> blocks before it (joined by <c> › </c>).</summary>
    public required string Title { get; init; }

    /// <summary>How the case ended.</summary>
    public required WebBenchCaseStatus Status { get; init; }

    /// <summary>How long the case ran.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The failing assertion or error (colour codes removed), when the case did not pass.</summary>
    public string? Error { get; init; }

    /// <summary>Screenshots taken when the case failed, relative to the results folder.</summary>
    public IReadOnlyList<string> Screenshots { get; init; } = [];

    /// <summary>True when the case failed in the first run and passed when the failing cases were run once more.</summary>
    public bool PassedOnRetry { get; init; }

    /// <summary>The first run's error of a case that passed on the retry.</summary>
    public string? FirstError { get; init; }

    /// <summary>True when the case counts as passed.</summary>
    public bool Passed => Status == WebBenchCaseStatus.Passed;
}
