namespace WebGen;

/// <summary>The rest of a step's pipeline, as seen by a <see cref="IStepStage"/>.</summary>
/// <param name="context">The step.</param>
/// <param name="cancellationToken">Cancels the step.</param>
public delegate ValueTask StepStageHandler(StepContext context, CancellationToken cancellationToken);
