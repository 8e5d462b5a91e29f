namespace WebGen;

/// <summary>Code steps whose site is running: screenshots the page with its browser observations.</summary>
public sealed class CaptureStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Code && context.Sandbox is { IsRunning: true } sandbox)
        {
            using var stage = StageTelemetry.Start(context, "capture");
            var capture = await context.Components.PageCapturer.CaptureAsync(
                new PageCaptureRequest { Url = sandbox.Url!, SessionId = context.RunId, ViewportWidth = context.Options.ViewportWidth, ViewportHeight = context.Options.ViewportHeight },
                cancellationToken).ConfigureAwait(false);
            context.Capture = capture;
            stage.Activity?.SetTag("http.response.status_code", capture.HttpStatus);
            if (!capture.Succeeded)
            {
                context.Errors.Add("the screenshot could not be taken: " + (capture.Failure ?? "no image"));
                stage.Fail(capture.Failure ?? "no image");
            }
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }
}
