namespace WebGen.Bench;

/// <summary>Grades how a running site's home page looks, 1–5 against its instruction (the benchmark's appearance score).</summary>
public interface IAppearanceGrader
{
    /// <summary>
    /// Grades the home page. A page that cannot be captured is graded 0 in the result; throw only when
    /// grading itself cannot work (model unreachable, browser broken) — the evaluator then retries on the next run.
    /// </summary>
    /// <param name="request">The site and its instruction.</param>
    /// <param name="cancellationToken">Cancels grading.</param>
    Task<AppearanceGrade> GradeAsync(AppearanceRequest request, CancellationToken cancellationToken = default);
}
