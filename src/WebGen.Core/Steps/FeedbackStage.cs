namespace WebGen;

/// <summary>
/// The outermost built-in stage: lets every other stage run, then composes the message the code model receives
/// from what they recorded (including the checks of added stages).
/// </summary>
public sealed class FeedbackStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        await continuation(context, cancellationToken).ConfigureAwait(false);
        context.Feedback = FeedbackComposer.Compose(context);
    }
}
