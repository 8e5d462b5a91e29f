namespace WebGen.Bench;

/// <summary>
/// Runs one WebGen-Bench UI test case against a running site, the way the benchmark's GUI agent does
/// (a WebVoyager-style agent with a fresh browser per case), and returns what it answered.
/// </summary>
public interface IBenchCaseAgent
{
    /// <summary>
    /// How this agent judges cases: <see cref="BenchCaseJudgement.Agent"/> when it answers whether each case's expected
    /// result happened, <see cref="BenchCaseJudgement.Smoke"/> when it only checks that the page works. Recorded with
    /// every case; a smoke-checked evaluation reports no accuracy.
    /// </summary>
    BenchCaseJudgement Judgement { get; }

    /// <summary>
    /// Attempts the case on the site. Problems the agent meets on the site (pages that do not load,
    /// actions that fail) belong in the result; throw only when the agent itself cannot work
    /// (model unreachable, browser set-up broken) — the evaluator then retries the case on the next run.
    /// </summary>
    /// <param name="request">The site, the case and the prompt to give the agent.</param>
    /// <param name="cancellationToken">Cancels the case.</param>
    Task<BenchCaseRun> RunCaseAsync(BenchCaseRequest request, CancellationToken cancellationToken = default);
}
