namespace WebGen;

/// <summary>
/// Tests a running website through its GUI, the way a user would, and grades whether the requested
/// functions work.
/// </summary>
public interface IGuiTester
{
    /// <summary>
    /// Writes the GUI-test instruction for a website request, once per run (what to verify and which
    /// functions to exercise). Implementations fall back to a generic instruction rather than fail.
    /// </summary>
    /// <param name="userInstruction">The user's website request.</param>
    /// <param name="cancellationToken">Cancels the model call.</param>
    Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default);

    /// <summary>Runs the test against the site. Failures are recorded in the result, not thrown.</summary>
    /// <param name="request">The site and the test instruction.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default);
}
