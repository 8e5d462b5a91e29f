namespace WebGen.Docs.Tests;

// begin-snippet: custom-gui-tester
/// <summary>
/// Runs a GUI test once more when it could not run (browser crash, model time-out): a decorator, so it works
/// over any tester. A site that fails the test is a result, not a failure, and is not retried.
/// </summary>
public sealed class RetryingGuiTester(IGuiTester inner) : IGuiTester
{
    public Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default) =>
        inner.PlanAsync(userInstruction, cancellationToken);

    public async Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default)
    {
        var first = await inner.TestAsync(request, cancellationToken).ConfigureAwait(false);
        return first.Failure is null ? first : await inner.TestAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
// end-snippet
