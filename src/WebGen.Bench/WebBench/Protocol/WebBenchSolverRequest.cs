namespace WebGen.Bench;

/// <summary>One attempt asked of an <see cref="IWebBenchSolver"/>.</summary>
public sealed record class WebBenchSolverRequest
{
    /// <summary>The project.</summary>
    public required WebBenchProject Project { get; init; }

    /// <summary>The task to implement.</summary>
    public required WebBenchTask Task { get; init; }

    /// <summary>1, or 2 for the retry.</summary>
    public required int Attempt { get; init; }

    /// <summary>
    /// The folder to edit: the project's source as the earlier tasks left it (the starting files before task 1). It is
    /// the served site's <c>src/</c>; the project's own configuration beside it is the benchmark's and stays as it is.
    /// </summary>
    public required string SourceDirectory { get; init; }

    /// <summary>On the retry: the failing cases of the first attempt with their errors, as the model should read them.</summary>
    public string? PreviousErrors { get; init; }
}
