namespace WebGen;

/// <summary>Code steps: writes the answer's file actions into the workspace, inside the workspace jail.</summary>
public sealed class WriteFilesStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Code)
        {
            using var stage = StageTelemetry.Start(context, "write_files");
            context.Files = await new WorkspaceWriter(context.Options.Workspace)
                .ApplyAsync(context.WorkspacePath, context.Parse.Actions.OfType<FileAction>(), cancellationToken).ConfigureAwait(false);
            await context.EmitAsync(new FilesWrittenEvent { RunId = context.RunId, Report = context.Files }).ConfigureAwait(false);
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }
}
