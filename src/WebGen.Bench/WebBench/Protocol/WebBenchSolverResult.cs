namespace WebGen.Bench;

/// <summary>What an <see cref="IWebBenchSolver"/> did for one attempt.</summary>
public sealed record class WebBenchSolverResult
{
    /// <summary>False when the solver could not make a change: the attempt then fails without its tests being run.</summary>
    public bool Succeeded { get; init; } = true;

    /// <summary>A sentence about the change or the problem, kept with the attempt.</summary>
    public string? Message { get; init; }

    /// <summary>A successful attempt.</summary>
    /// <param name="message">An optional note.</param>
    public static WebBenchSolverResult Done(string? message = null) => new() { Message = message };

    /// <summary>An attempt where the solver failed.</summary>
    /// <param name="message">What went wrong.</param>
    public static WebBenchSolverResult Failed(string message) => new() { Succeeded = false, Message = message };
}
