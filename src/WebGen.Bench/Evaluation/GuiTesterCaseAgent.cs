namespace WebGen.Bench;

/// <summary>
/// Runs benchmark cases with an <see cref="IGuiTester"/> (for example the WebVoyager agent of WebGen.Playwright):
/// the case prompt becomes the test instruction, and the tester's final answer, trajectory and usage are returned.
/// A tester failure with no action taken means the tester could not work at all (model or browser unreachable),
/// so it is thrown and the case is retried on the next run; a failure after some actions is the site's result.
/// </summary>
/// <param name="tester">The GUI tester.</param>
/// <param name="judgement">
/// How the tester judges: <see cref="BenchCaseJudgement.Agent"/> for a tester that checks the instruction it is given
/// (the WebVoyager tester), <see cref="BenchCaseJudgement.Smoke"/> for one that ignores it and only checks that the page
/// works (WebGen.Playwright's <c>SmokeGuiTester</c>): its YES means "no errors while clicking", not "the case passed".
/// </param>
public sealed class GuiTesterCaseAgent(IGuiTester tester, BenchCaseJudgement judgement = BenchCaseJudgement.Agent) : IBenchCaseAgent
{
    private readonly IGuiTester _tester = tester ?? throw new ArgumentNullException(nameof(tester));

    /// <inheritdoc />
    public BenchCaseJudgement Judgement { get; } = Enum.IsDefined(judgement) ? judgement : throw new ArgumentOutOfRangeException(nameof(judgement), judgement, "Unknown judgement.");

    /// <inheritdoc />
    public async Task<BenchCaseRun> RunCaseAsync(BenchCaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _tester.TestAsync(
            new GuiTestRequest { Url = request.SiteUrl, TestInstruction = request.Prompt, UserInstruction = request.WebsiteInstruction, SessionId = request.SessionId },
            cancellationToken).ConfigureAwait(false);
        if (result.Failure is { } failure && result.Trajectory.Count == 0 && string.IsNullOrWhiteSpace(result.FinalAnswer))
        {
            throw new InvalidOperationException("The GUI tester could not run the case: " + failure);
        }

        return new BenchCaseRun { FinalAnswer = result.FinalAnswer, LastMessage = result.LastMessage, Trajectory = result.Trajectory, Usage = result.Usage, Failure = result.Failure };
    }
}
