namespace WebGen.Testing;

/// <summary>An in-memory <see cref="IScreenshotJudge"/> answering with a callback.</summary>
/// <param name="judge">Produces the judgement.</param>
public sealed class FakeScreenshotJudge(Func<ScreenshotJudgeRequest, ScreenshotJudgement> judge) : IScreenshotJudge
{
    private int _calls;

    /// <summary>How many judgements were asked for.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A judge that always gives <paramref name="grade"/>.</summary>
    /// <param name="grade">The grade.</param>
    public static FakeScreenshotJudge Constant(int grade) => new(_ => new ScreenshotJudgement { Grade = grade, Description = "fake", GradeReason = "constant grade" });

    /// <inheritdoc />
    public Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(judge(request));
    }
}
