namespace WebGen;

/// <summary>
/// Code steps with a screenshot: the judge describes and grades it (unless, in Enhanced, a pre-check was fatal, or, in
/// either profile, the prompt-injection pre-check flagged the page: the grade then stays 0), and the
/// screenshot, scores and judgement are streamed as one <see cref="ScreenshotEvent"/>.
/// </summary>
public sealed class JudgeStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Code && context.Capture is { } capture)
        {
            if (capture.Succeeded && !PromptInjection.IsFlagged(context.Scores) && (context.Options.Profile == WebGenProfile.Reference || !context.Scores.Any(s => s.IsFatal)))
            {
                using var stage = StageTelemetry.Start(context, "judge");
                await JudgeAsync(context, capture, cancellationToken).ConfigureAwait(false);
                stage.Activity?.SetTag("webgen.grade.screenshot", context.ScreenshotGrade);
                if (context.Judgement?.Failure is { } failure)
                {
                    stage.Fail(failure);
                }
                else
                {
                    context.Metrics.Grades.Record(context.ScreenshotGrade, new KeyValuePair<string, object?>("webgen.grade.kind", "screenshot"));
                }
            }

            await context.EmitAsync(new ScreenshotEvent { RunId = context.RunId, Capture = capture, Scores = [.. context.Scores], Judgement = context.Judgement }).ConfigureAwait(false);
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task JudgeAsync(StepContext context, PageCapture capture, CancellationToken cancellationToken)
    {
        var judgement = await context.Components.ScreenshotJudge.JudgeAsync(
            new ScreenshotJudgeRequest { Capture = capture, Instruction = context.Instruction, PreCheckScores = [.. context.Scores] },
            cancellationToken).ConfigureAwait(false);
        context.Judgement = judgement;
        if (judgement.Usage is not null)
        {
            context.Usage.Add(judgement.Usage);
        }

        if (judgement.Failure is not null)
        {
            context.Errors.Add("the screenshot could not be judged: " + judgement.Failure);
            return;
        }

        context.ScreenshotGrade = Math.Clamp(judgement.Grade, 0, 5);
        if (judgement.IsError)
        {
            context.Errors.Add("the page shows an error: " + (string.IsNullOrWhiteSpace(judgement.ErrorMessage) ? "(no message)" : judgement.ErrorMessage));
        }
    }
}
