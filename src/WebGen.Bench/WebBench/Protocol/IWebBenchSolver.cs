namespace WebGen.Bench;

/// <summary>
/// Implements Web-Bench tasks in a project's workspace, one attempt at a time: where an agent (or a scripted model, or
/// another tool's recorded output) plugs into the protocol. The harness copies the starting files, calls the solver
/// for task 1, 2, … and evaluates after each call; a failed first attempt is retried once with the error output.
/// </summary>
public interface IWebBenchSolver
{
    /// <summary>
    /// Makes the change for one attempt by editing the files under <see cref="WebBenchSolverRequest.SourceDirectory"/>
    /// (which holds the work of every earlier task). A problem of the solver (a model error, no answer) is reported in
    /// the result and counts as a failed attempt; exceptions are for cancellation and bugs.
    /// </summary>
    /// <param name="request">The task, the attempt, where to write, and the first attempt's errors on a retry.</param>
    /// <param name="cancellationToken">Stops the attempt.</param>
    Task<WebBenchSolverResult> ImplementAsync(WebBenchSolverRequest request, CancellationToken cancellationToken);
}
