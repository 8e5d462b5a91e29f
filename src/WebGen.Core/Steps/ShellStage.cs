namespace WebGen;

/// <summary>
/// Code steps: runs the answer's shell actions in the sandbox, in order; a refusal is a result. The Reference profile
/// runs none (the reference installs and starts the site itself and ignores the model's commands).
/// </summary>
public sealed class ShellStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Code && context.Options.Profile == WebGenProfile.Enhanced)
        {
            foreach (var shell in context.Parse.Actions.OfType<ShellAction>())
            {
                using var stage = StageTelemetry.Start(context, "shell");
                var result = shell.IsTruncated
                    ? new ShellCommandResult { Command = shell.Command, Allowed = false, RefusalReason = "the shell action has no closing </boltAction>, so it may be cut off" }
                    : await context.Session.RunShellAsync(shell.Command, cancellationToken).ConfigureAwait(false);
                context.ShellCommands.Add(result);
                if (!result.Succeeded)
                {
                    stage.Fail(result.RefusalReason ?? $"exit code {result.ExitCode}");
                }

                await context.EmitAsync(new ShellCommandEvent { RunId = context.RunId, Result = result }).ConfigureAwait(false);
            }
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }
}
