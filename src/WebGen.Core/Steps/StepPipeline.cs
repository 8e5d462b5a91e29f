namespace WebGen;

/// <summary>Composes stages into one delegate: the first stage is the outermost.</summary>
internal static class StepPipeline
{
    public static StepStageHandler Build(IReadOnlyList<IStepStage> stages)
    {
        StepStageHandler pipeline = static (_, _) => ValueTask.CompletedTask;
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            var stage = stages[i];
            var next = pipeline;
            pipeline = (context, cancellationToken) => stage.InvokeAsync(context, next, cancellationToken);
        }

        return pipeline;
    }
}
