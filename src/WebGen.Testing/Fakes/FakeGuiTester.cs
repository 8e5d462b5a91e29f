namespace WebGen.Testing;

/// <summary>An in-memory <see cref="IGuiTester"/> answering with callbacks.</summary>
/// <param name="test">Produces the test result.</param>
/// <param name="plan">The GUI-test instruction to return from planning.</param>
public sealed class FakeGuiTester(Func<GuiTestRequest, GuiTestResult> test, string plan = "Verify the page works.") : IGuiTester
{
    private int _planCalls;

    /// <summary>The requests received (safe to record from concurrent episodes; read it once they are done).</summary>
    public List<GuiTestRequest> Requests { get; } = [];

    /// <summary>How many plans were asked for.</summary>
    public int PlanCalls => Volatile.Read(ref _planCalls);

    /// <summary>A tester that always passes with <paramref name="grade"/>.</summary>
    /// <param name="grade">The functional grade.</param>
    public static FakeGuiTester Passing(int grade = 5) => new(_ => new GuiTestResult { Passed = true, Grade = grade, Verdict = GuiVerdict.Yes, FinalAnswer = "YES" });

    /// <inheritdoc />
    public Task<GuiTestPlan> PlanAsync(string userInstruction, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _planCalls);
        return Task.FromResult(new GuiTestPlan { Instruction = plan });
    }

    /// <inheritdoc />
    public Task<GuiTestResult> TestAsync(GuiTestRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return Task.FromResult(test(request));
    }
}
