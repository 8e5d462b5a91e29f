namespace WebGen;

/// <summary>
/// Code steps with a screenshot: runs the screenshot scorers (the deterministic pre-checks and your own). A fatal
/// score is a problem of the step and spares the judge a call on a page that is plainly broken. In the Reference
/// profile, which has no pre-checks, scores are only recorded: they neither count as problems nor stop the judge. Then,
/// when <see cref="WebGenAgentOptions.PromptInjectionCheck"/> is on (by default in Enhanced), the prompt-injection
/// pre-check runs; its fatal score is a problem of the step in either profile.
/// </summary>
public sealed class PreCheckStage : IStepStage
{
    /// <inheritdoc />
    public async ValueTask InvokeAsync(StepContext context, StepStageHandler continuation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        if (context.Kind == StepKind.Code && context.Capture is { Succeeded: true } capture)
        {
            using var stage = StageTelemetry.Start(context, "pre_checks");
            foreach (var scorer in context.Components.ScreenshotScorers)
            {
                var score = await ScoreAsync(context, scorer, capture, cancellationToken).ConfigureAwait(false);
                context.Scores.Add(score);
                stage.Activity?.SetTag("webgen.score." + score.Name, score.Value);
                if (score.IsFatal && context.Options.Profile == WebGenProfile.Enhanced)
                {
                    stage.Fail($"{score.Name}: {score.Reason}");
                    context.Errors.Add($"{score.Name}: {score.Reason}");
                }
            }

            if (LoopRules.ChecksPromptInjection(context.Options))
            {
                var score = await ScoreAsync(context, context.Components.PromptInjectionScorer, capture, cancellationToken).ConfigureAwait(false);
                context.Scores.Add(score);
                if (score.IsFatal)
                {
                    context.Errors.Add($"{score.Name}: {score.Reason}");
                }
            }
        }

        await continuation(context, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ScreenshotScore> ScoreAsync(StepContext context, IScreenshotScorer scorer, PageCapture capture, CancellationToken cancellationToken)
    {
        try
        {
            return await scorer.ScoreAsync(new ScreenshotScoringContext { Capture = capture, Instruction = context.Instruction }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One broken scorer must not cost the step its judgement.
            Log.ScorerFailed(context.Logger, scorer.GetType().Name, ex);
            return new ScreenshotScore { Name = scorer.GetType().Name, Value = 0, Reason = "the scorer failed: " + ex.Message };
        }
    }
}
