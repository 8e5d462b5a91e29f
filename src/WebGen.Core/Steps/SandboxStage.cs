namespace WebGen;

/// <summary>Code and validate steps: brings the site up to date (install when needed, start or keep the server).</summary>
public sealed class SandboxStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind is StepKind.Code or StepKind.Validate)
        {
            using var stage = StageTelemetry.Start(context, "sandbox");
            var sandbox = await context.Session.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            stage.Activity?.SetTag("webgen.sandbox.install", sandbox.Install.Status.ToString());
            stage.Activity?.SetTag("webgen.sandbox.start", sandbox.Start.Status.ToString());
            context.Sandbox = sandbox;
            await context.EmitAsync(new SandboxEvent { RunId = context.RunId, Result = sandbox }).ConfigureAwait(false);
            if (Problem(sandbox) is { } problem)
            {
                context.Errors.Add(problem);
                stage.Fail(problem);
            }
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }

    private static string? Problem(SandboxRunResult sandbox) => sandbox.Failure switch
    {
        SandboxFailureKind.None when sandbox.Url is null => "the site did not report an address",
        SandboxFailureKind.None => null,
        SandboxFailureKind.InvalidProject => "the project is invalid: " + (sandbox.Install.Detail ?? sandbox.Start.Detail ?? "see the installation output"),
        SandboxFailureKind.InstallFailed => "installation failed" + (sandbox.Install.Detail is { } d ? ": " + d : ""),
        SandboxFailureKind.StartFailed => "the site failed to start" + (sandbox.Start.Detail is { } s ? ": " + s : ""),
        SandboxFailureKind.NotReadyInTime => "the site's server did not answer in time" + (sandbox.Start.Detail is { } r ? ": " + r : ""),
        SandboxFailureKind.Crashed => "the site's server crashed" + (sandbox.Start.Detail is { } c ? ": " + c : ""),
        _ => "the sandbox reported " + sandbox.Failure,
    };
}
