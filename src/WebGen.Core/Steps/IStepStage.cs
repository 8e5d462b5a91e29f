namespace WebGen;

/// <summary>
/// One stage of a step, composed like middleware: it reads what the step and earlier stages put in the
/// <see cref="StepContext"/>, does its work, records its results (and a <see cref="StepCheck"/> when it checks
/// the site), emits events, and calls <c>continuation</c> to let the later stages run, or returns without calling it to
/// end the step there. The built-in stages write files, run shell actions, start the site, capture, pre-check and
/// judge the screenshot, run the GUI test and compose the feedback; add your own with
/// <see cref="WebGenAgentBuilder.UseStepStage{TStage}()"/> or <see cref="WebGenComponents.StepStages"/>.
/// </summary>
/// <remarks>
/// A stage decides only what its own work means; whether the step is erroneous, how errors count and when the
/// run backtracks are the loop's rules, applied after the pipeline from what the stages recorded.
/// A stage that throws fails the step: it is recorded with the exception and the run restarts.
/// </remarks>
public interface IStepStage
{
    /// <summary>Runs the stage.</summary>
    /// <param name="context">The step: its answer, its parts and what earlier stages recorded.</param>
    /// <param name="continuation">The rest of the pipeline: the stages after this one.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken);
}
