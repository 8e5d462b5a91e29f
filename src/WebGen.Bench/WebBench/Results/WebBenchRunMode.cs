namespace WebGen.Bench;

/// <summary>What a Web-Bench run evaluates.</summary>
public enum WebBenchRunMode
{
    /// <summary>Each project's reference solution (<c>src/</c>) against every task's tests: proves the harness.</summary>
    Reference,

    /// <summary>Solutions made by another tool: a final source per project, or its per-attempt snapshots (scored with the protocol).</summary>
    Solutions,

    /// <summary>The protocol with an <see cref="IWebBenchSolver"/> implementing task after task from the starting files.</summary>
    Solver,
}
