namespace WebGen.Bench;

/// <summary>
/// How test cases are judged, recorded with every case and summary: it decides whether an evaluation measures the
/// benchmark's accuracy at all.
/// </summary>
public enum BenchCaseJudgement
{
    /// <summary>
    /// A GUI agent attempts each case and answers YES, PARTIAL or NO to whether its expected result happened
    /// (the benchmark's method): scores are accuracies.
    /// </summary>
    Agent,

    /// <summary>
    /// A smoke check, such as WebGen.Playwright's model-free <c>SmokeGuiTester</c> (the offline default): the page is
    /// loaded and its buttons and links are clicked while errors are recorded, whatever the case asks. It tells whether
    /// the page works (no errors while clicking), never whether a case's expected result happened, so such cases are
    /// smoke-checked rather than judged and no accuracy is computed from them.
    /// </summary>
    Smoke,
}
