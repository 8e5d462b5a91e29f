namespace WebGen;

/// <summary>
/// The VLM judge: describes a screenshot (visible errors, what is shown, suggestions) and grades
/// its appearance 0–5 against the instruction.
/// </summary>
public interface IScreenshotJudge
{
    /// <summary>Judges one capture. Model failures are recorded in <see cref="ScreenshotJudgement.Failure"/>, not thrown.</summary>
    /// <param name="request">The capture, the instruction and the pre-check scores.</param>
    /// <param name="cancellationToken">Cancels the model calls.</param>
    Task<ScreenshotJudgement> JudgeAsync(ScreenshotJudgeRequest request, CancellationToken cancellationToken = default);
}
